import * as z from "zod";
import type { ChangeRequest, ChangeRequests, OpenedChangeRequest } from "./change-requests.ts";
import type { HttpTransport } from "../http/http-transport.ts";
import { hostingJson, hostingSend } from "./hosting-json.ts";

const pullSchema = z.object({ number: z.number().int(), html_url: z.string() });

/** Pull requests through GitHub's REST API (`POST /repos/{owner}/{repo}/pulls`). */
export class GitHubPullRequests implements ChangeRequests {
  constructor(
    private readonly http: HttpTransport,
    private readonly apiUrl: string,
    /** owner/name */
    private readonly repository: string,
    private readonly token: string,
  ) {}

  async open(request: ChangeRequest): Promise<OpenedChangeRequest> {
    const url = `${this.apiUrl.replace(/\/+$/, "")}/repos/${this.repository}/pulls`;
    const what = `GitHub pull request ${request.head} -> ${request.base} on ${this.repository}`;
    const res = await hostingSend(this.http, {
      method: "POST",
      url,
      headers: { ...this.headers(), "content-type": "application/json" },
      body: JSON.stringify({ title: request.title, head: request.head, base: request.base, body: request.body }),
    }, what);
    // 422 "A pull request already exists for owner:branch": a retried job; find the open one.
    if (res.status === 422 && /already exists/i.test(res.body)) {
      const owner = this.repository.split("/")[0] ?? "";
      const found = await hostingSend(this.http, { method: "GET", url: `${url}?state=open&head=${encodeURIComponent(`${owner}:${request.head}`)}`, headers: this.headers() }, what);
      const [pull] = hostingJson(found, z.array(pullSchema), what);
      if (pull) return { url: pull.html_url, number: pull.number, existed: true };
    }
    const pull = hostingJson(res, pullSchema, what);
    return { url: pull.html_url, number: pull.number, existed: false };
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "sluice" };
  }
}
