import type { components } from "@octokit/openapi-types";
import * as z from "zod";
import type { ConditionalPages } from "./conditional-pages.ts";
import type { HostedRequest } from "./hosted-request.ts";
import { itemsOf } from "./items-of.ts";

const pullSchema = z.object({
  number: z.number().int(),
  head: z.object({ ref: z.string(), sha: z.string() }),
  labels: z.array(z.object({ name: z.string() })),
});

// GitHub's documented answer must pass the schema: checked at compile time against its OpenAPI description.
type Accepts<Schema, Payload extends Schema> = Payload;
export type GitHubPullConforms = Accepts<z.input<typeof pullSchema>, components["schemas"]["pull-request-simple"]>;

/** Open pull requests of `owner/name`: `GET /repos/{owner}/{repo}/pulls?state=open&per_page=100`, every page. */
export async function githubOpenPulls(pages: ConditionalPages, apiUrl: string, repository: string, token: string | undefined): Promise<HostedRequest[]> {
  const url = `${apiUrl.replace(/\/+$/, "")}/repos/${repository}/pulls?state=open&per_page=100`;
  const headers = {
    accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "sluice",
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const what = `GitHub open pull requests of ${repository}`;
  return itemsOf(await pages.all(url, headers, what), pullSchema, what, new URL(url).host)
    .map((p) => ({ number: p.number, branch: p.head.ref, sha: p.head.sha, labels: p.labels.map((l) => l.name) }));
}
