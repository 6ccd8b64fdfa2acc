import { describe, expect, it } from "vitest";
import { ChangeRequestError } from "../../../../src/adapters/hosting/change-requests.ts";
import { GitHubPullRequests } from "../../../../src/adapters/hosting/github-pull-requests.ts";
import { GitLabMergeRequests } from "../../../../src/adapters/hosting/gitlab-merge-requests.ts";
import type { HttpRequest, HttpTransport } from "../../../../src/adapters/http/http-transport.ts";

function http(answer: (req: HttpRequest) => { status: number; body: string }): HttpTransport & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  const fn: HttpTransport = async (req) => {
    seen.push(req);
    const a = answer(req);
    return { status: a.status, url: req.url, header: () => undefined, text: async () => a.body };
  };
  return Object.assign(fn, { seen });
}

const request = { title: "[skip ci] sluice: web app 1.0.0 -> 1.1.0", body: "Sluice-Delivery: d1\n", head: "sluice/web/app-1.1.0", base: "main" };

describe("change request clients", () => {
  it("report a refusal as permanent, with the host's words, and a server error or no answer as transient", async () => {
    // Prepare
    const refused = new GitHubPullRequests(http(() => ({ status: 403, body: '{"message":"Resource not accessible by integration"}' })), "https://api.github.com", "acme/charts", "t");
    const failing = new GitLabMergeRequests(http(() => ({ status: 502, body: "bad gateway" })), "https://gitlab.com/api/v4", "acme/charts", "t");
    const silent = new GitHubPullRequests(() => Promise.reject(new TypeError("fetch failed")), "https://api.github.com", "acme/charts", "t");

    // Act
    const [a, b, c] = await Promise.all([refused.open(request), failing.open(request), silent.open(request)].map((p) => p.then(() => undefined, (e: unknown) => e)));

    // Assess
    expect(a).toBeInstanceOf(ChangeRequestError);
    expect(a).toMatchObject({ transient: false, message: expect.stringContaining("403 {\"message\":\"Resource not accessible by integration\"}") });
    expect(b).toMatchObject({ transient: true });
    expect(c).toMatchObject({ transient: true });
  });

  it("find the open GitLab merge request of a branch that already has one", async () => {
    // Prepare
    const api = http((req) => (req.method === "POST"
      ? { status: 409, body: '{"message":["Another open merge request already exists for this source branch: !7"]}' }
      : { status: 200, body: '[{"iid":7,"web_url":"https://gitlab.example/acme/charts/-/merge_requests/7"}]' }));

    // Act
    const opened = await new GitLabMergeRequests(api, "https://gitlab.example/api/v4/", "acme/charts", "glpat").open(request);

    // Assess
    expect(opened).toEqual({ url: "https://gitlab.example/acme/charts/-/merge_requests/7", number: 7, existed: true });
    expect(api.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST https://gitlab.example/api/v4/projects/acme%2Fcharts/merge_requests",
      "GET https://gitlab.example/api/v4/projects/acme%2Fcharts/merge_requests?state=opened&source_branch=sluice%2Fweb%2Fapp-1.1.0",
    ]);
  });
});
