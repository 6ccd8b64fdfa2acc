import * as z from "zod";
import type { ChangeRequest, ChangeRequests, OpenedChangeRequest } from "./change-requests.ts";
import type { HttpTransport } from "../http/http-transport.ts";
import { hostingJson, hostingSend } from "./hosting-json.ts";

const mergeRequestSchema = z.object({ iid: z.number().int(), web_url: z.string() });

/** Merge requests through GitLab's REST API (`POST /projects/:id/merge_requests`). */
export class GitLabMergeRequests implements ChangeRequests {
  constructor(
    private readonly http: HttpTransport,
    /** https://gitlab.example.com/api/v4 */
    private readonly apiUrl: string,
    /** group/name or the numeric id */
    private readonly project: string,
    private readonly token: string,
  ) {}

  async open(request: ChangeRequest): Promise<OpenedChangeRequest> {
    const url = `${this.apiUrl.replace(/\/+$/, "")}/projects/${encodeURIComponent(this.project)}/merge_requests`;
    const what = `GitLab merge request ${request.head} -> ${request.base} on ${this.project}`;
    const res = await hostingSend(this.http, {
      method: "POST",
      url,
      headers: { ...this.headers(), "content-type": "application/json" },
      body: JSON.stringify({ source_branch: request.head, target_branch: request.base, title: request.title, description: request.body, remove_source_branch: true }),
    }, what);
    // 409 "Another open merge request already exists for this source branch": a retried job.
    if (res.status === 409) {
      const found = await hostingSend(this.http, { method: "GET", url: `${url}?state=opened&source_branch=${encodeURIComponent(request.head)}`, headers: this.headers() }, what);
      const [mr] = hostingJson(found, z.array(mergeRequestSchema), what);
      if (mr) return { url: mr.web_url, number: mr.iid, existed: true };
    }
    const mr = hostingJson(res, mergeRequestSchema, what);
    return { url: mr.web_url, number: mr.iid, existed: false };
  }

  private headers(): Record<string, string> {
    return { "private-token": this.token, "user-agent": "sluice" };
  }
}
