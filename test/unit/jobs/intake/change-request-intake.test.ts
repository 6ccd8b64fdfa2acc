import { beforeEach, describe, expect, it } from "vitest";
import type { AppIndex } from "../../../../src/core/apps/app-index.ts";
import type { AppIndexReader } from "../../../../src/core/apps/app-index-reader.ts";
import { normalizeGitUrl } from "../../../../src/core/config/normalize-git-url.ts";
import type { SluiceConfig } from "../../../../src/core/config/app-config.ts";
import { buildAppIndex } from "../../../../src/engine/appsets/build-app-index.ts";
import { requestsKey, type OpenRequest } from "../../../../src/engine/appsets/generator-inputs.ts";
import { handleWebhook, type IntakeDeps } from "../../../../src/jobs/intake/handle-webhook.ts";
import type { FakeQueue } from "./fake-queue.ts";
import { CONFIG, fixture, fixtureJson, intakeDeps, post, sign, SECRET, toBody } from "./intake-test-deps.ts";

const GITHUB = "https://github.com/Codertocat/Hello-World.git";
const GITLAB = "http://example.com/gitlabhq/gitlab-test.git";
const GITEA = "http://localhost:3000/gitea/webhooks.git";
const set = (name: string, provider: string, repo: string) => `
  - name: ${name}
    deletionPolicy: delete
    generators: [{ pullRequests: { provider: ${provider}, repo: ${repo} } }]
    template:
      name: "${name}-{{number}}"
      source: { repo: ${repo}, branch: "{{branch}}", path: charts/web }
      render: { helm: { values: { sha: "{{shortSha}}" } } }
      destination: { directory: "/tmp/sluice-test/${name}-{{number}}", namespace: "${name}-{{number}}" }`;
const YAML = `${CONFIG}appSets:${set("gh", "github", GITHUB)}${set("gl", "gitlab", GITLAB)}${set("gt", "gitea", GITEA)}\n`;

/** The hosts' open requests, as their APIs would list them; the index is built from them on each refresh, as GitAppIndex does. */
class HostedRequests implements AppIndexReader {
  readonly open = new Map<string, OpenRequest[]>();
  refreshes = 0;
  private index: AppIndex;
  constructor(private readonly config: SluiceConfig) {
    this.index = this.build();
  }
  current = () => Promise.resolve(this.index);
  refresh = () => {
    this.refreshes++;
    this.index = this.build();
    return Promise.resolve(this.index);
  };
  watches = (keys: readonly string[]) => keys.some((k) => [GITHUB, GITLAB, GITEA].map(normalizeGitUrl).includes(k));
  set(provider: string, repo: string, requests: OpenRequest[]): void {
    this.open.set(requestsKey(provider, normalizeGitUrl(repo)), requests);
  }
  private build(): AppIndex {
    const requests = new Map([...this.open].map(([k, v]) => [k, { ok: true as const, value: v }]));
    for (const [provider, repo] of [["github", GITHUB], ["gitlab", GITLAB], ["gitea", GITEA]] as const) {
      const key = requestsKey(provider, normalizeGitUrl(repo));
      if (!requests.has(key)) requests.set(key, { ok: true, value: [] });
    }
    return buildAppIndex({ config: this.config, sources: [], inputs: { clusters: [], branches: new Map(), directories: new Map(), requests }, previous: this.index });
  }
}

const github = (body: Buffer, delivery: string, secret = SECRET) =>
  post("/hooks/git/github", body, { "x-github-event": "pull_request", "x-github-delivery": delivery, "x-hub-signature-256": sign.github(body, secret) });
const gitlab = (body: Buffer, token = SECRET) => post("/hooks/git/gitlab", body, { "x-gitlab-event": "Merge Request Hook", "x-gitlab-token": token });
const gitea = (body: Buffer) => post("/hooks/git/gitea", body, { "x-gitea-event": "pull_request", "x-gitea-signature": sign.gitea(body) });
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

describe("intake of pull and merge request events", () => {
  let deps: IntakeDeps;
  let queue: FakeQueue;
  let hosts: HostedRequests;
  beforeEach(() => {
    ({ deps, queue } = intakeDeps(YAML));
    hosts = new HostedRequests(deps.config);
    deps.apps = hosts;
  });

  it("brings up a GitHub request's app when it is opened, updates it on synchronize, and removes it when merged", async () => {
    // Prepare: the request is open on GitHub when its opened event arrives
    hosts.set("github", GITHUB, [{ number: 2, branch: "changes", sha: HEAD, labels: [] }]);

    // Act
    const opened = await handleWebhook(github(fixture("github/pull-request-opened.json"), "d-open"), deps);
    const openedJobs = queue.jobs.splice(0);
    hosts.set("github", GITHUB, [{ number: 2, branch: "changes", sha: "a".repeat(40), labels: [] }]);
    const synchronize = fixtureJson("github/pull-request-synchronize.json");
    synchronize["pull_request"] = { ...(synchronize["pull_request"] as object), head: { ref: "changes", sha: "a".repeat(40) } };
    const updated = await handleWebhook(github(toBody(synchronize), "d-sync"), deps);
    const synced = (await hosts.current()).get("gh-2");
    hosts.set("github", GITHUB, []);
    const closed = fixtureJson("github/pull-request-closed.json");
    closed["pull_request"] = { ...(closed["pull_request"] as object), merged: true };
    const merged = await handleWebhook(github(toBody(closed), "d-merge"), deps);

    // Assess
    expect(opened).toMatchObject({ status: 202, body: { status: "queued", deliveryId: "d-open", jobs: [{ app: "gh-2" }] } });
    expect(openedJobs.map((j) => j.job)).toEqual([{ kind: "sync", app: "gh-2", deliveryId: "d-open", trigger: "webhook", provider: "github" }]);
    expect(updated).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app: "gh-2" }] } });
    expect(synced?.app.render).toMatchObject({ helm: { values: { sha: "aaaaaaa" } } });
    expect(merged).toMatchObject({ status: 202, body: { status: "queued", deliveryId: "d-merge", jobs: [{ app: "gh-2" }] } });
    expect((await hosts.current()).get("gh-2")).toBeUndefined();
    expect(hosts.refreshes).toBe(3);
  });

  it("answers 401 to a request event with a wrong signature and queues nothing", async () => {
    hosts.set("github", GITHUB, [{ number: 2, branch: "changes", sha: HEAD, labels: [] }]);
    const response = await handleWebhook(github(fixture("github/pull-request-opened.json"), "d-bad", "another secret"), deps);
    expect(response.status).toBe(401);
    expect(queue.jobs).toEqual([]);
    expect(hosts.refreshes).toBe(0);
  });

  it("ignores, with the reason, actions that change no app and requests no app set follows", async () => {
    const assigned = fixtureJson("github/pull-request-opened.json");
    assigned["action"] = "assigned";
    const elsewhere = fixtureJson("github/pull-request-opened.json");
    elsewhere["repository"] = { ...(elsewhere["repository"] as object), clone_url: "https://github.com/other/repo.git", ssh_url: null, html_url: null, git_url: null };

    const a = await handleWebhook(github(toBody(assigned), "d-a"), deps);
    const b = await handleWebhook(github(toBody(elsewhere), "d-b"), deps);

    expect(a.body).toEqual({ status: "ignored", deliveryId: "d-a", reasons: ["request 2 assigned: changes no generated app"] });
    expect(b.body).toEqual({ status: "ignored", deliveryId: "d-b", reasons: ["no app set generates an app from request 2 (changes) of https://github.com/other/repo.git"] });
    expect(hosts.refreshes).toBe(0);
  });

  it("reads GitLab's Merge Request Hook: open brings the app up, merge removes it; a wrong token is 401", async () => {
    hosts.set("gitlab", GITLAB, [{ number: 1, branch: "ms-viewport", sha: "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", labels: ["API"] }]);
    const body = fixture("gitlab/merge-request.json");
    const opened = await handleWebhook(gitlab(body), deps);
    const refused = await handleWebhook(gitlab(body, "not the token"), deps);
    hosts.set("gitlab", GITLAB, []);
    const merge = fixtureJson("gitlab/merge-request.json");
    merge["object_attributes"] = { ...(merge["object_attributes"] as object), action: "merge", state: "merged" };
    const merged = await handleWebhook(gitlab(toBody(merge)), deps);

    expect(opened.body).toMatchObject({ status: "queued", jobs: [{ app: "gl-1" }] });
    expect(refused.status).toBe(401);
    expect(merged.body).toMatchObject({ status: "queued", jobs: [{ app: "gl-1" }] });
    expect((await hosts.current()).get("gl-1")).toBeUndefined();
  });

  it("reads Gitea's pull_request: opened brings the app up, closed removes it", async () => {
    hosts.set("gitea", GITEA, [{ number: 1, branch: "feature/webhooks", sha: "bffeb74224043ba2feb48d137756c8a9331c449a", labels: [] }]);
    const opened = await handleWebhook(gitea(fixture("gitea/pull-request-opened.json")), deps);
    hosts.set("gitea", GITEA, []);
    const close = fixtureJson("gitea/pull-request-opened.json");
    close["action"] = "closed";
    const closed = await handleWebhook(gitea(toBody(close)), deps);

    expect(opened.body).toMatchObject({ status: "queued", jobs: [{ app: "gt-1" }] });
    expect(closed.body).toMatchObject({ status: "queued", jobs: [{ app: "gt-1" }] });
    expect(queue.jobs.map((j) => j.job.app)).toEqual(["gt-1", "gt-1"]);
  });

  it("says so when the host still lists a closed request open, leaving its removal to the sweep", async () => {
    hosts.set("github", GITHUB, [{ number: 2, branch: "changes", sha: HEAD, labels: [] }]);
    await hosts.refresh();
    const response = await handleWebhook(github(fixture("github/pull-request-closed.json"), "d-close"), deps);
    expect(response.body).toEqual({
      status: "ignored", deliveryId: "d-close",
      reasons: [`gh-2: request 2 (changes) of ${GITHUB} closed, but the host still lists it open; the sweep removes it`],
    });
  });

  it.each([
    ["GitHub reopened", () => github(fixture("github/pull-request-reopened.json"), "d-reopen"), "gh-2"],
    ["GitLab update", () => gitlab(toBody({ ...fixtureJson("gitlab/merge-request.json"), object_attributes: { ...(fixtureJson("gitlab/merge-request.json")["object_attributes"] as object), action: "update" } })), "gl-1"],
    ["Gitea synchronized", () => gitea(toBody({ ...fixtureJson("gitea/pull-request-opened.json"), action: "synchronized" })), "gt-1"],
  ])("queues a sync of the request's app on %s", async (_name, request, app) => {
    // Prepare: each request open on its host, the index already holding its app
    hosts.set("github", GITHUB, [{ number: 2, branch: "changes", sha: HEAD, labels: [] }]);
    hosts.set("gitlab", GITLAB, [{ number: 1, branch: "ms-viewport", sha: "da1560886d4f094c3e6c9ef40349f7d38b5d27d7", labels: ["API"] }]);
    hosts.set("gitea", GITEA, [{ number: 1, branch: "feature/webhooks", sha: "bffeb74224043ba2feb48d137756c8a9331c449a", labels: [] }]);
    await hosts.refresh();

    // Act
    const response = await handleWebhook(request(), deps);

    // Assess: matched through the index, not found as new
    expect(response.body).toMatchObject({ status: "queued", jobs: [{ app }] });
    expect(queue.jobs.map((j) => j.job.app)).toEqual([app]);
  });
});
