// Review apps from pull and merge requests end to end on real services: git http-backend serving the chart
// repo, the API server with its controller manager, GitHub's, GitLab's and Gitea's list APIs as one local
// server answering only the documented requests, and each host's recorded request events signed as it signs
// them, through intake, queue and worker.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import { listAnswer, LIST_REQUEST, requestEvent, type Open, type Provider } from "./review-apps/request-hosts.ts";
import { getJson, kubectl } from "./sync-kubectl.ts";

const SECRET = "a webhook secret for the review-app test";
const PROVIDERS: readonly Provider[] = ["github", "gitlab", "gitea"];
const CHART = {
  "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "charts/web/values.yaml": "sha: none\nhost: none\n",
  "charts/web/values-sample.yaml": "host: {{appSet}}-pr-{{number}}.review.example\n",
  "charts/web/templates/settings.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  sha: {{ .Values.sha | quote }}\n  host: {{ .Values.host | quote }}\n",
};
/** One app set per host, all on the same chart repository. */
const appSet = (provider: Provider, repoUrl: string, api: string) => `
  - name: ${provider}
    deletionPolicy: delete
    generators: [{ pullRequests: { provider: ${provider}, repo: ${repoUrl}, api: ${api}, token: { env: ${provider.toUpperCase()}_TOKEN } } }]
    valuesFile: { from: charts/web/values-sample.yaml, path: "charts/web/review/${provider}-pr-{{number}}.yaml" }
    template:
      name: "${provider}-pr-{{number}}"
      source: { repo: ${repoUrl}, branch: "{{branch}}", path: charts/web }
      render: { helm: { values: { sha: "{{shortSha}}" }, valueFiles: ["review/${provider}-pr-{{number}}.yaml"] } }
      destination: { cluster: test, namespace: "${provider}-pr-{{number}}" }
      syncPolicy: { createNamespace: true, prune: true, healthTimeoutSeconds: 0 }`;

describe("review apps from pull and merge requests on real services", () => {
  let work: string;
  let server: GitHttpServer;
  let hosts: NotifyReceiver;
  let bare: string;
  let repoUrl: string;
  let intake: IntakeDeps;
  let worker: WorkerDeps;
  const queued: QueuedJob[] = [];
  /** What each host's list API answers: its open requests. */
  const open: Record<Provider, Open[]> = { github: [], gitlab: [], gitea: [] };

  /** Pushes a commit with `files` to `branch` (created from main when new); returns its sha. */
  async function push(branch: string, files: Record<string, string>, message: string): Promise<string> {
    const clone = await mkdtemp(join(tmpdir(), "sluice-pr-push-"));
    try {
      await git(["clone", "--quiet", bare, clone]);
      const exists = await revParse(bare, branch).then(() => true, () => false);
      await git(["checkout", "--quiet", "-B", branch, ...(exists ? [`origin/${branch}`] : [])], clone);
      for (const [path, text] of Object.entries(files)) await writeFile(join(clone, path), text);
      await git(["add", "--all"], clone);
      await git(["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "--quiet", "-m", message], clone);
      await git(["push", "--quiet", "origin", branch], clone);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    return revParse(bare, branch);
  }

  /** Runs every queued job, and the jobs they queue, as the worker would. */
  async function drain(): Promise<JobOutcome[]> {
    const outcomes: JobOutcome[] = [];
    for (let next = queued.shift(); next; next = queued.shift()) outcomes.push(await runJob(next.job, worker));
    return outcomes;
  }

  const settings = (ns: string) => getJson("configmap", "settings", ns).then((cm) => cm?.["data"] as Record<string, string> | undefined);
  const gone = (kind: string, name: string) => async () => ((await getJson(kind, name)) === undefined ? true : undefined);

  beforeAll(async () => {
    // The shared API server's ledger may hold generated apps other test files brought up; a sweep
    // here would remove them (as it should in an installation of its own), so this file starts with none.
    await kubectl("delete", "configmap", "-n", "sluice-system", "-l", "sluice.dev/generated-app=true", "--ignore-not-found");
    work = await mkdtemp(join(tmpdir(), "sluice-review-prs-"));
    await createBareRepo(join(work, "git", "fe"), "charts.git", CHART);
    bare = join(work, "git", "fe", "charts.git");
    server = await startGitHttpServer({ root: join(work, "git") });
    repoUrl = `${server.url}/fe/charts.git`;
    hosts = await startNotifyReceiver();
    hosts.answer = (r) => {
      const provider = PROVIDERS.find((p) => LIST_REQUEST[p].path === r.path && r.headers[LIST_REQUEST[p].auth[0]] === LIST_REQUEST[p].auth[1]);
      return provider ? { status: 200, body: JSON.stringify(listAnswer(provider, open[provider])) } : { status: 404, body: "{\"message\":\"Not Found\"}" };
    };
    const api = { github: hosts.url, gitlab: `${hosts.url}/api/v4`, gitea: `${hosts.url}/api/v1` };
    const config = parseConfig(`
webhooks:
  github: { secrets: [{ env: HOOK_SECRET }] }
  gitlab: { secrets: [{ env: HOOK_SECRET }] }
  gitea: { secrets: [{ env: HOOK_SECRET }] }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
appSets:${PROVIDERS.map((p) => appSet(p, repoUrl, api[p])).join("")}
`, join(work, "sluice.yaml"));
    const secretSources = { env: { HOOK_SECRET: SECRET, GITHUB_TOKEN: "gh-token", GITLAB_TOKEN: "gl-token", GITEA_TOKEN: "gt-token" } };
    const apps = appIndexReader(config, { git: new IsomorphicGitRemotes(join(work, "index")), secrets: new SecretResolver(secretSources), logger: silentLogger });
    const queue = { enqueue: async (jobs: readonly QueuedJob[]) => void queued.push(...jobs) };
    intake = buildIntakeDeps({ config, queue, logger: silentLogger, secretSources, apps });
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources, tools: await ensureKubeTools(), queue, apps });
  });

  afterAll(async () => {
    await server?.close();
    await hosts?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it.each(PROVIDERS.map((p, i) => [p, 7 + 10 * i] as const))("%s: opened brings the app up with its namespace and values file, updated moves it, merged removes all of it", async (provider, number) => {
    // Prepare: a branch pushed and a request opened for it
    const app = `${provider}-pr-${number}`;
    const branch = `feature/login-${provider}`;
    const valuesFile = `charts/web/review/${app}.yaml`;
    const first = await push(branch, { "charts/web/NOTES.txt": "login\n" }, "login page");
    open[provider] = [{ number, branch, sha: first }];

    // Act: the host delivers its opened event
    const opened = await handleWebhook(requestEvent(provider, "opened", { number, branch, sha: first }, repoUrl, SECRET), intake);
    const up = await drain();

    // Assess: the app, its namespace and its values file, with the request's variables
    expect(opened).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app }] } });
    expect(up).toMatchObject([{ kind: "sync", app, sync: { status: "synced" } }]);
    expect(await settings(app)).toEqual({ sha: first.slice(0, 7), host: `${app}.review.example` });
    expect(await readFileAtHead(bare, valuesFile, branch)).toBe(`host: ${app}.review.example\n`);
    expect((await getJson("namespace", app))?.metadata.annotations?.["sluice.dev/created-for"]).toBe(app);

    // Act: a new commit on the branch, and the host's synchronize (update) event
    const second = await push(branch, { "charts/web/NOTES.txt": "login, take two\n" }, "login page, take two");
    open[provider] = [{ number, branch, sha: second }];
    const updated = await handleWebhook(requestEvent(provider, "updated", { number, branch, sha: second }, repoUrl, SECRET), intake);
    const moved = await drain();

    // Assess: the sha variables follow the request's head
    expect(updated).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app }] } });
    expect(moved).toMatchObject([{ kind: "sync", sync: { status: "synced" } }]);
    expect(await settings(app)).toEqual({ sha: second.slice(0, 7), host: `${app}.review.example` });

    // Act: the request is merged
    open[provider] = [];
    const merged = await handleWebhook(requestEvent(provider, "merged", { number, branch, sha: second }, repoUrl, SECRET), intake);
    const down = await drain();

    // Assess: objects pruned, the namespace Sluice created deleted, the values file removed in a commit
    expect(merged).toMatchObject({ status: 202, body: { status: "queued", jobs: [{ app }] } });
    expect(down).toMatchObject([{ kind: "removed", app, status: "deleted", namespaceDeleted: true, valuesFileRemoved: true }]);
    await waitFor(`namespace ${app} deleted`, gone("namespace", app));
    await expect(readFileAtHead(bare, valuesFile, branch)).rejects.toThrow();
    expect(await worker.ledger?.get(app)).toBeUndefined();
  });

  it("removes the app of a request closed while no webhook was heard, at the next sweep, with one list request per host", async () => {
    // Prepare: GitHub request 8 opened and its app up
    const head = await push("feature/search", { "charts/web/NOTES.txt": "search\n" }, "search");
    open.github = [{ number: 8, branch: "feature/search", sha: head }];
    await handleWebhook(requestEvent("github", "opened", { number: 8, branch: "feature/search", sha: head }, repoUrl, SECRET), intake);
    await drain();
    expect(await settings("github-pr-8")).toEqual({ sha: head.slice(0, 7), host: "github-pr-8.review.example" });

    // Act: closed on GitHub, the delivery lost; the sweep runs
    open.github = [];
    const asked = hosts.requests.length;
    const sweep = await runSweep(buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) }));
    const listed = hosts.requests.slice(asked).map((r) => r.path);
    const outcomes = await drain();

    // Assess
    expect(sweep.jobs).toContainEqual({ kind: "sync", app: "github-pr-8", reason: "app set github no longer generates it" });
    expect(listed.sort()).toEqual(PROVIDERS.map((p) => LIST_REQUEST[p].path).sort());
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: "removed", app: "github-pr-8", status: "deleted", namespaceDeleted: true, valuesFileRemoved: true }));
    await waitFor("namespace github-pr-8 deleted", gone("namespace", "github-pr-8"));
    await expect(readFileAtHead(bare, "charts/web/review/github-pr-8.yaml", "feature/search")).rejects.toThrow();
  });
});
