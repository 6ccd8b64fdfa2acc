import * as z from "zod";
import type { ConditionalPages } from "./conditional-pages.ts";
import type { HostedRequest } from "./hosted-request.ts";
import { itemsOf } from "./items-of.ts";

const mergeRequestSchema = z.object({ iid: z.number().int(), source_branch: z.string(), sha: z.string(), labels: z.array(z.string()) });

/** Open merge requests of a project: `GET /projects/:id/merge_requests?state=opened&per_page=100`, every page. */
export async function gitlabOpenMergeRequests(pages: ConditionalPages, apiUrl: string, project: string, token: string | undefined): Promise<HostedRequest[]> {
  const url = `${apiUrl.replace(/\/+$/, "")}/projects/${encodeURIComponent(project)}/merge_requests?state=opened&per_page=100`;
  const headers = { "user-agent": "sluice", ...(token ? { "private-token": token } : {}) };
  const what = `GitLab open merge requests of ${project}`;
  return itemsOf(await pages.all(url, headers, what), mergeRequestSchema, what, new URL(url).host)
    .map((m) => ({ number: m.iid, branch: m.source_branch, sha: m.sha, labels: m.labels }));
}
