// GitHub's, GitLab's and Gitea's request list APIs, each a real HTTP server on 127.0.0.1 answering as the
// vendor documents (paging by Link, ETags, rate-limit headers); Sluice's requests checked against the docs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConditionalPages } from "../../src/adapters/hosting/conditional-pages.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { appSetConfigSchema } from "../../src/core/config/app-set-config.ts";
import { pullRequestLister, type PullRequestsGenerator } from "../../src/jobs/apps/pull-requests-generator.ts";
import { startNotifyReceiver, type CapturedRequest, type NotifyReceiver } from "../harness/notify-receiver.ts";

let host: NotifyReceiver;
beforeAll(async () => {
  host = await startNotifyReceiver();
});
afterAll(() => host.close());
beforeEach(() => {
  host.requests.length = 0;
});

const generator = (pullRequests: Record<string, unknown>): PullRequestsGenerator => {
  const set = appSetConfigSchema.parse({ name: "review", generators: [{ pullRequests: { token: { env: "TOKEN" }, ...pullRequests } }], template: {} });
  const [g] = set.generators;
  if (!g || !("pullRequests" in g)) throw new Error("not a pullRequests generator");
  return g.pullRequests;
};
const lister = () => pullRequestLister({ pages: new ConditionalPages(undiciTransport()), secrets: new SecretResolver({ env: { TOKEN: "s3cret" } }) });
const seen = (requests: CapturedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);
const sha = (c: string) => c.repeat(40);

/** A list served in pages of `size`, each with a Link to the next (and an ETag), as the three hosts page. */
function paged(path: string, items: unknown[], size: number, pageParam: string, extra: Record<string, string> = {}): void {
  host.answer = (r) => {
    const url = new URL(r.path, host.url);
    if (url.pathname !== path) return { status: 404, body: "{\"message\":\"Not Found\"}" };
    const page = Number(url.searchParams.get("page") ?? "1");
    const etag = `"page-${page}-${items.length}"`;
    if (r.headers["if-none-match"] === etag) return { status: 304, headers: { etag, ...extra } };
    const next = new URL(url);
    next.searchParams.set(pageParam, String(page + 1));
    const more = page * size < items.length;
    return { status: 200, headers: { etag, ...extra, ...(more ? { link: `<${next.href}>; rel="next", <${url.href}>; rel="first"` } : {}) },
      body: JSON.stringify(items.slice((page - 1) * size, page * size)) };
  };
}

describe("GitHub: GET /repos/{owner}/{repo}/pulls", () => {
  it("lists every page with the documented query and headers, then asks again with each page's ETag", async () => {
    // Prepare: 150 open pulls, 100 a page
    const pulls = Array.from({ length: 150 }, (_, i) => ({ number: i + 1, head: { ref: `feature/${i + 1}`, sha: sha("a") }, labels: i === 0 ? [{ name: "preview" }] : [] }));
    paged("/api/v3/repos/octo/web/pulls", pulls, 100, "page");
    const list = lister();
    const g = generator({ provider: "github", repo: "https://github.example.com/octo/web.git", api: `${host.url}/api/v3` });

    // Act
    const first = await list(g);
    const again = await list(g);

    // Assess
    expect(first).toHaveLength(150);
    expect(first[0]).toEqual({ number: 1, branch: "feature/1", sha: sha("a"), labels: ["preview"] });
    expect(again).toEqual(first);
    expect(seen(host.requests)).toEqual([
      "GET /api/v3/repos/octo/web/pulls?state=open&per_page=100",
      "GET /api/v3/repos/octo/web/pulls?state=open&per_page=100&page=2",
      "GET /api/v3/repos/octo/web/pulls?state=open&per_page=100",
      "GET /api/v3/repos/octo/web/pulls?state=open&per_page=100&page=2",
    ]);
    expect(host.requests[0]?.headers).toMatchObject({ authorization: "Bearer s3cret", accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" });
    expect(host.requests.map((r) => r.headers["if-none-match"])).toEqual([undefined, undefined, "\"page-1-150\"", "\"page-2-150\""]);
  });

  it("stops at a spent rate limit and sends nothing more until the reset GitHub named", async () => {
    // Prepare: the limit is spent, reset in an hour
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    host.answer = () => ({ status: 403, headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }, body: "{\"message\":\"API rate limit exceeded\"}" });
    const list = lister();
    const g = generator({ provider: "github", repo: "https://github.example.com/octo/web.git", api: `${host.url}/api/v3` });

    // Act
    const first = await list(g).catch((error: unknown) => error);
    const second = await list(g).catch((error: unknown) => error);

    // Assess
    expect(first).toMatchObject({ name: "ChangeRequestError", retry: { afterMs: expect.any(Number) } });
    expect(second).toMatchObject({ name: "ChangeRequestError", message: expect.stringContaining("rate limited") });
    expect(host.requests).toHaveLength(1);
  });
});

describe("GitLab: GET /projects/:id/merge_requests", () => {
  it("lists opened merge requests of the URL-encoded project with PRIVATE-TOKEN, every page", async () => {
    const mrs = Array.from({ length: 120 }, (_, i) => ({ iid: i + 1, source_branch: `mr-${i + 1}`, sha: sha("b"), labels: ["API"] }));
    paged("/api/v4/projects/fe%2Fapps%2Fcharts/merge_requests", mrs, 100, "page");

    const got = await lister()(generator({ provider: "gitlab", repo: "https://gitlab.example.com/fe/apps/charts.git", api: `${host.url}/api/v4` }));

    expect(got.map((m) => m.number)).toEqual(mrs.map((m) => m.iid));
    expect(got[119]).toEqual({ number: 120, branch: "mr-120", sha: sha("b"), labels: ["API"] });
    expect(seen(host.requests)).toEqual([
      "GET /api/v4/projects/fe%2Fapps%2Fcharts/merge_requests?state=opened&per_page=100",
      "GET /api/v4/projects/fe%2Fapps%2Fcharts/merge_requests?state=opened&per_page=100&page=2",
    ]);
    expect(host.requests[0]?.headers["private-token"]).toBe("s3cret");
  });

  it("waits out a 429's Retry-After without asking again", async () => {
    host.answer = () => ({ status: 429, headers: { "retry-after": "3600", "ratelimit-remaining": "0" }, body: "Retry later" });
    const list = lister();
    const g = generator({ provider: "gitlab", repo: "https://gitlab.example.com/fe/charts.git", api: `${host.url}/api/v4` });

    const errors = [await list(g).catch((e: unknown) => e), await list(g).catch((e: unknown) => e)];

    expect(errors).toMatchObject([{ retry: { afterMs: 3_600_000 } }, { retry: { afterMs: expect.any(Number) } }]);
    expect(host.requests).toHaveLength(1);
  });
});

describe("Gitea: GET /repos/{owner}/{repo}/pulls", () => {
  it("lists open pulls with token auth, 50 a page, at the repository host's /api/v1", async () => {
    const pulls = Array.from({ length: 60 }, (_, i) => ({ number: i + 1, head: { ref: `b${i + 1}`, sha: sha("c") }, labels: null }));
    paged("/api/v1/repos/gitea/webhooks/pulls", pulls, 50, "page");

    const got = await lister()(generator({ provider: "gitea", repo: `${host.url}/gitea/webhooks.git` }));

    expect(got).toHaveLength(60);
    expect(got[59]).toEqual({ number: 60, branch: "b60", sha: sha("c"), labels: [] });
    expect(seen(host.requests)).toEqual([
      "GET /api/v1/repos/gitea/webhooks/pulls?state=open&limit=50",
      "GET /api/v1/repos/gitea/webhooks/pulls?state=open&limit=50&page=2",
    ]);
    expect(host.requests[0]?.headers["authorization"]).toBe("token s3cret");
  });

  it("names the item and field of an answer that is not a pull list", async () => {
    host.answer = () => ({ status: 200, body: JSON.stringify([{ number: 1, head: { ref: "b1" } }]) });
    const error = await lister()(generator({ provider: "gitea", repo: `${host.url}/gitea/webhooks.git` })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ChangeRequestError", retry: "never", message: expect.stringContaining("[0].head.sha") });
  });
});
