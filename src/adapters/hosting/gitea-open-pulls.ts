import * as z from "zod";
import type { ConditionalPages } from "./conditional-pages.ts";
import type { HostedRequest } from "./hosted-request.ts";
import { itemsOf } from "./items-of.ts";

const pullSchema = z.object({
  number: z.number().int(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  labels: z.array(z.object({ name: z.string() })).nullish(),
});

/** Gitea's default and usual most items a page (`[api] MAX_RESPONSE_ITEMS`). */
const PAGE = 50;

/** Open pull requests of `owner/name` on Gitea or Forgejo: `GET /repos/{owner}/{repo}/pulls?state=open&limit=50`, every page. */
export async function giteaOpenPulls(pages: ConditionalPages, apiUrl: string, repository: string, token: string | undefined): Promise<HostedRequest[]> {
  const url = `${apiUrl.replace(/\/+$/, "")}/repos/${repository}/pulls?state=open&limit=${PAGE}`;
  const headers = { accept: "application/json", "user-agent": "sluice", ...(token ? { authorization: `token ${token}` } : {}) };
  const what = `Gitea open pull requests of ${repository}`;
  return itemsOf(await pages.all(url, headers, what), pullSchema, what, new URL(url).host)
    .map((p) => ({ number: p.number, branch: p.head.ref, sha: p.head.sha, labels: (p.labels ?? []).map((l) => l.name) }));
}
