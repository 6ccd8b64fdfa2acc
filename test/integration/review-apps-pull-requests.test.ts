// Review apps from pull requests end to end on real services: git http-backend serving the chart repo,
// the API server with its controller manager, GitHub's list API as a local server answering as documented,
// and GitHub's recorded pull_request payloads signed as GitHub signs them, through intake, queue and worker.
import { createHmac } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IsomorphicGitRemotes } from "../../src/adapters/git/isomorphic-git-remotes.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { handleWebhook, type IntakeDeps } from "../../src/jobs/intake/handle-webhook.ts";
import { runSweep } from "../../src/jobs/sweep/run-sweep.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { appIndexReader } from "../../src/runtime/wiring/app-index-reader.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { createBareRepo, git, readFileAtHead, revParse } from "../harness/git-server.ts";
import { startNotifyReceiver, type NotifyReceiver } from "../harness/notify-receiver.ts";
import { waitFor } from "../harness/wait-for.ts";
import { getJson } from "./sync-kubectl.ts";

const SECRET = "a webhook secret for the review-app test";
const CHART = {
  "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "charts/web/values.yaml": "sha: none\nhost: none\n",
  "charts/web/values-sample.yaml": "host: web-pr-{{number}}.review.example\n",
  "charts/web/templates/settings.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  sha: {{ .Values.sha | quote }}\n  host: {{ .Values.host | quote }}\n",
};

describe("review apps from pull requests on real services", () => {
  let work: string;
  let server: GitHttpServer;
  let github: NotifyReceiver;
  let bare: string;
  let repoUrl: string;
  let intake: IntakeDeps;
  let worker: WorkerDeps;
  const queued: QueuedJob[] = [];
  /** What GitHub's list API answers: the open pulls. */
  let open: { number: number; head: { ref: string; sha: string }; labels: { name: string }[] }[] = [];

  /** Pushes a commit with `files` to `branch` (created from main when new); returns its sha. */
  async function push(branch: string, files: Record<string, string>, message: string): Promise<string> {
    const clone = await mkdtemp(join(tmpdir(), "sluice-pr-push-"));
    try {
      await git(["clone", "--quiet", bare, clone]);
      await git(["checkout", "--quiet", "-B", branch, ...(await branchExists(branch) ? [`origin/${branch}`] : [])], clone);
      for (const [path, text] of Object.entries(files)) await writeFile(join(clone, path), text);
      await git(["add", "--all"], clone);
      await git(["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "--quiet", "-m", message], clone);
      await git(["push", "--quiet", "origin", branch], clone);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    return revParse(bare, branch);
  }
  const branchExists = (branch: string) => revParse(bare, branch).then(() => true, () => false);

  /** GitHub's pull_request event, from its recorded example, for this repository, request and head. */
  function event(action: "opened" | "synchronize" | "closed", number: number, branch: string, sha: string, merged = false) {
    const payload = JSON.parse(readFileSync(new URL(`../fixtures/webhooks/github/pull-request-${action}.json`, import.meta.url), "utf8")) as Record<string, Record<string, unknown>>;
    payload["pull_request"] = { ...payload["pull_request"], number, merged, head: { ...(payload["pull_request"]?.["head"] as object), ref: branch, sha } };
    payload["repository"] = { ...payload["repository"], clone_url: repoUrl, ssh_url: null, git_url: null, html_url: null };
    const body = Buffer.from(JSON.stringify(payload));
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    return { method: "POST" as const, path: "/hooks/git/github", body,
      headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": `${action}-${number}-${sha.slice(0, 7)}`, "x-hub-signature-256": signature } };
  }

  /** Runs every queued job, and the jobs they queue, as the worker would. */
  async function drain(): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    while (queued.length > 0) {
      const next = queued.shift();
      if (next) outcomes.push(await runJob(next.job, worker));
    }
    return outcomes;
  }

  const settings = (ns: string) => getJson("configmap", "settings", ns).then((cm) => cm?.["data"] as Record<string, string> | undefined);
  const gone = (kind: string, name: string) => async () => ((await getJson(kind, name)) === undefined ? true : undefined);

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-review-prs-"));
    await createBareRepo(join(work, "git", "fe"), "charts.git", CHART);
    bare = join(work, "git", "fe", "charts.git");
    server = await startGitHttpServer({ root: join(work, "git") });
    repoUrl = `${server.url}/fe/charts.git`;
    github = await startNotifyReceiver();
    github.answer = (r) => (r.path === "/repos/fe/charts/pulls?state=open&per_page=100" && r.headers["authorization"] === "Bearer gh-token"
      ? { status: 200, body: JSON.stringify(open) } : { status: 404, body: "{\"message\":\"Not Found\"}" });
    const config = parseConfig(`
webhooks:
  github: { secrets: [{ env: HOOK_SECRET }] }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
appSets:
  - name: review
    deletionPolicy: delete
    generators: [{ pullRequests: { provider: github, repo: ${repoUrl}, api: ${github.url}, token: { env: GH_TOKEN } } }]
    valuesFile: { from: charts/web/values-sample.yaml, path: "charts/web/review/pr-{{number}}.yaml" }
    template:
      name: "web-pr-{{number}}"
      source: { repo: ${repoUrl}, branch: "{{branch}}", path: charts/web }
      render: { helm: { values: { sha: "{{shortSha}}" }, valueFiles: ["review/pr-{{number}}.yaml"] } }
      destination: { cluster: test, namespace: "web-pr-{{number}}" }
      syncPolicy: { createNamespace: true, prune: true, healthTimeoutSeconds: 0 }
`, join(work, "sluice.yaml"));
    const secretSources = { env: { HOOK_SECRET: SECRET, GH_TOKEN: "gh-token" } };
    const apps = appIndexReader(config, { git: new IsomorphicGitRemotes(join(work, "index")), secrets: new SecretResolver(secretSources), logger: silentLogger });
    const queue = { enqueue: async (jobs: readonly QueuedJob[]) => void queued.push(...jobs) };
    intake = buildIntakeDeps({ config, queue, logger: silentLogger, secretSources, apps });
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources, tools: await ensureKubeTools(), queue, apps });
  });

  afterAll(async () => {
    await server?.close();
    await github?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("opens a review app with its namespace and values file, moves it to each new head, and removes all of it on merge", async () => {
    // Prepare: a branch pushed and a pull request opened for it
    const first = await push("feature/login", { "charts/web/NOTES.txt": "login\n" }, "login page");
    open = [{ number: 7, head: { ref: "feature/login", sha: first }, labels: [] }];

    // Act: GitHub delivers `opened`
    const opened = await handleWebhook(event("opened", 7, "feature/login", first), intake);
    const up = await drain();

    // Assess: the app, its namespace and its values file, with the request's variables
    expect(opened).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app: "web-pr-7" }] } });
    expect(up).toMatchObject([{ kind: "sync", app: "web-pr-7", sync: { status: "synced" } }]);
    expect(await settings("web-pr-7")).toEqual({ sha: first.slice(0, 7), host: "web-pr-7.review.example" });
    expect(await readFileAtHead(bare, "charts/web/review/pr-7.yaml", "feature/login")).toBe("host: web-pr-7.review.example\n");
    expect((await getJson("namespace", "web-pr-7"))?.metadata.annotations?.["sluice.dev/created-for"]).toBe("web-pr-7");

    // Act: a new commit on the branch, and GitHub's `synchronize`
    const second = await push("feature/login", { "charts/web/NOTES.txt": "login, take two\n" }, "login page, take two");
    open = [{ number: 7, head: { ref: "feature/login", sha: second }, labels: [] }];
    const updated = await handleWebhook(event("synchronize", 7, "feature/login", second), intake);
    const moved = await drain();

    // Assess: the sha variables follow the request's head
    expect(updated).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app: "web-pr-7" }] } });
    expect(moved).toMatchObject([{ kind: "sync", sync: { status: "synced" } }]);
    expect(await settings("web-pr-7")).toEqual({ sha: second.slice(0, 7), host: "web-pr-7.review.example" });

    // Act: the request is merged
    open = [];
    const merged = await handleWebhook(event("closed", 7, "feature/login", second, true), intake);
    const down = await drain();

    // Assess: objects pruned, the namespace Sluice created deleted, the values file removed in a commit
    expect(merged).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app: "web-pr-7" }] } });
    expect(down).toMatchObject([{ kind: "removed", app: "web-pr-7", status: "deleted", namespaceDeleted: true, valuesFileRemoved: true }]);
    await waitFor("namespace web-pr-7 deleted", gone("namespace", "web-pr-7"));
    await expect(readFileAtHead(bare, "charts/web/review/pr-7.yaml", "feature/login")).rejects.toThrow();
    expect(await worker.ledger?.get("web-pr-7")).toBeUndefined();
  });

  it("removes the app of a request closed while no webhook was heard, at the next sweep", async () => {
    // Prepare: request 8 opened and its app up
    const head = await push("feature/search", { "charts/web/NOTES.txt": "search\n" }, "search");
    open = [{ number: 8, head: { ref: "feature/search", sha: head }, labels: [] }];
    await handleWebhook(event("opened", 8, "feature/search", head), intake);
    await drain();
    expect(await settings("web-pr-8")).toEqual({ sha: head.slice(0, 7), host: "web-pr-8.review.example" });

    // Act: closed on GitHub, the delivery lost; the sweep runs
    open = [];
    const asked = github.requests.length;
    const sweep = await runSweep(buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) }));
    const listed = github.requests.length - asked;
    const outcomes = await drain();

    // Assess
    expect(sweep.jobs).toContainEqual({ kind: "sync", app: "web-pr-8", reason: "app set review no longer generates it" });
    // One list of the repository's open pulls for the whole sweep (one page here), whatever the number of apps.
    expect(listed).toBe(1);
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: "removed", app: "web-pr-8", status: "deleted", namespaceDeleted: true, valuesFileRemoved: true }));
    await waitFor("namespace web-pr-8 deleted", gone("namespace", "web-pr-8"));
    await expect(readFileAtHead(bare, "charts/web/review/pr-8.yaml", "feature/search")).rejects.toThrow();
  });
});
