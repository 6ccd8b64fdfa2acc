// A review app's idle TTL on real services: git http-backend serving the chart repo, the API server
// with its controller manager. A branch's app nobody pushes to is removed by the sweep once its app
// set's idleTtl has passed (prune, the namespace Sluice created, the values file in a commit), stays
// removed through later sweeps, and comes back with all of it on the next push to the branch.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
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
import { runSweep, type SweepDeps } from "../../src/jobs/sweep/run-sweep.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { appIndexReader } from "../../src/runtime/wiring/app-index-reader.ts";
import { buildIntakeDeps } from "../../src/runtime/wiring/intake-deps.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { createBareRepo, git, readFileAtHead, revParse } from "../harness/git-server.ts";
import { waitFor } from "../harness/wait-for.ts";
import { getJson, kubectl } from "./sync-kubectl.ts";

const CHART = {
  "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n",
  "charts/web/values.yaml": "host: none\n",
  "charts/web/values-sample.yaml": "host: web-{{branchSlug}}.review.example\n",
  "charts/web/templates/settings.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  host: {{ .Values.host | quote }}\n",
};
const HOUR = 3_600_000;
const APP = "web-feature-idle";
const SECRET = "a webhook secret for the idle test";

describe("a review app's idle TTL on real services", () => {
  let work: string;
  let server: GitHttpServer;
  let bare: string;
  let worker: WorkerDeps;
  let sweeper: SweepDeps;
  let intake: IntakeDeps;
  let repoUrl: string;
  const queued: QueuedJob[] = [];

  /** GitHub's push event, from its recorded example, for this repository's branch moving from `before` to `after`. */
  function pushEvent(branch: string, before: string, after: string) {
    const payload = JSON.parse(readFileSync(new URL("../fixtures/webhooks/github/push-new-branch.json", import.meta.url), "utf8")) as Record<string, unknown>;
    const commits = [{ ...(payload["commits"] as object[])[0], id: after, added: [], removed: [], modified: ["charts/web/NOTES.txt"] }];
    Object.assign(payload, { ref: `refs/heads/${branch}`, before, after, created: false, commits, head_commit: commits[0] });
    payload["repository"] = { ...(payload["repository"] as object), clone_url: repoUrl, ssh_url: null, git_url: null, html_url: null };
    const body = Buffer.from(JSON.stringify(payload));
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    return { method: "POST" as const, path: "/hooks/git/github", body,
      headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": `push-${after.slice(0, 7)}`, "x-hub-signature-256": signature } };
  }

  async function push(branch: string, files: Record<string, string>, message: string): Promise<void> {
    const clone = await mkdtemp(join(tmpdir(), "sluice-idle-push-"));
    try {
      await git(["clone", "--quiet", bare, clone]);
      const exists = (await git(["ls-remote", "--heads", "origin", branch], clone)).trim() !== "";
      await git(["checkout", "--quiet", "-B", branch, ...(exists ? [`origin/${branch}`] : [])], clone);
      for (const [path, text] of Object.entries(files)) await writeFile(join(clone, path), text);
      await git(["add", "--all"], clone);
      await git(["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "--quiet", "-m", message], clone);
      await git(["push", "--quiet", "origin", branch], clone);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  }

  /** A sweep at `offsetMs` from now, then every job it queued (and those they queue), as the worker would run them. */
  async function sweepAt(offsetMs: number): Promise<{ jobs: { kind: string; app: string; reason: string }[]; outcomes: JobOutcome[] }> {
    sweeper.now = () => new Date(Date.now() + offsetMs);
    const { jobs } = await runSweep(sweeper);
    const outcomes: JobOutcome[] = [];
    while (queued.length > 0) {
      const next = queued.shift();
      if (next) outcomes.push(await runJob(next.job, worker));
    }
    return { jobs: jobs.filter((j) => j.app === APP), outcomes: outcomes.filter((o) => ("app" in o ? o.app === APP : false)) };
  }

  const valuesFile = () => readFileAtHead(bare, "charts/web/review/feature-idle.yaml", "feature/idle");
  const namespace = () => getJson("namespace", APP);

  beforeAll(async () => {
    // The shared API server's ledger may hold generated apps other test files brought up; a sweep
    // here would remove them (as it should in an installation of its own), so this file starts with none.
    await kubectl("delete", "configmap", "-n", "sluice-system", "-l", "sluice.dev/generated-app=true", "--ignore-not-found");
    work = await mkdtemp(join(tmpdir(), "sluice-idle-ttl-"));
    await createBareRepo(join(work, "git", "fe"), "charts.git", CHART);
    bare = join(work, "git", "fe", "charts.git");
    server = await startGitHttpServer({ root: join(work, "git") });
    repoUrl = `${server.url}/fe/charts.git`;
    const config = parseConfig(`
webhooks:
  github: { secrets: [{ env: HOOK_SECRET }] }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
appSets:
  - name: review
    deletionPolicy: delete
    idleTtl: 72h
    generators: [{ branches: { repo: ${repoUrl}, include: "feature/idle" } }]
    valuesFile: { from: charts/web/values-sample.yaml, path: "charts/web/review/{{branchSlug}}.yaml" }
    template:
      name: "web-{{branchSlug}}"
      source: { repo: ${repoUrl}, branch: "{{branch}}", path: charts/web }
      render: { helm: { valueFiles: ["review/{{branchSlug}}.yaml"] } }
      destination: { cluster: test, namespace: "web-{{branchSlug}}" }
      syncPolicy: { createNamespace: true, prune: true, healthTimeoutSeconds: 0 }
`, join(work, "sluice.yaml"));
    const queue = { enqueue: async (jobs: readonly QueuedJob[]) => void queued.push(...jobs) };
    const secretSources = { env: { HOOK_SECRET: SECRET } };
    const apps = appIndexReader(config, { git: new IsomorphicGitRemotes(join(work, "index")), secrets: new SecretResolver(secretSources), logger: silentLogger });
    intake = buildIntakeDeps({ config, queue, logger: silentLogger, secretSources, apps });
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources, tools: await ensureKubeTools(), queue, apps });
    sweeper = buildSweepDeps(worker, queue);
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("removes the app idle past the TTL with its namespace and values file, keeps it removed, and brings it back on a push", async () => {
    // Prepare: the branch is pushed; a sweep brings its app up
    await push("feature/idle", { "charts/web/NOTES.txt": "idle\n" }, "start feature");
    const up = await sweepAt(0);
    expect(up.outcomes).toMatchObject([{ kind: "sync", app: APP, sync: { status: "synced" } }]);
    expect((await namespace())?.metadata.annotations?.["sluice.dev/created-for"]).toBe(APP);
    expect(await valuesFile()).toBe("host: web-feature-idle.review.example\n");

    // Act: sweeps within the TTL, then past it, then later still
    const within = await sweepAt(71 * HOUR);
    const past = await sweepAt(73 * HOUR);
    await waitFor(`namespace ${APP} deleted`, async () => ((await namespace()) === undefined ? true : undefined));
    const later = await sweepAt(90 * HOUR);

    // Assess: removed once, as a teardown removes, and left alone after
    expect(within).toEqual({ jobs: [], outcomes: [] });
    expect(past.jobs).toEqual([{ kind: "sync", app: APP, reason: expect.stringMatching(/^idle past its app set's idleTtl of 259200 s: no sync since /) }]);
    expect(past.outcomes).toMatchObject([{ kind: "removed", app: APP, status: "deleted", namespaceDeleted: true, valuesFileRemoved: true }]);
    await expect(valuesFile()).rejects.toThrow();
    expect(await getJson("configmap", "settings", APP)).toBeUndefined();
    expect(later).toEqual({ jobs: [], outcomes: [] });

    // Act: someone pushes to the branch; the next sweep sees it
    await push("feature/idle", { "charts/web/NOTES.txt": "idle, picked up again\n" }, "pick the feature up again");
    const back = await sweepAt(91 * HOUR);

    // Assess: the app is back, with a namespace of its own, its values file and its objects
    expect(back.outcomes).toMatchObject([{ kind: "sync", app: APP, sync: { status: "synced" } }]);
    expect((await namespace())?.metadata.annotations?.["sluice.dev/created-for"]).toBe(APP);
    expect(await valuesFile()).toBe("host: web-feature-idle.review.example\n");
    expect((await getJson("configmap", "settings", APP))?.["data"]).toEqual({ host: "web-feature-idle.review.example" });
    expect((await worker.ledger?.get(APP))?.idle).toBeUndefined();
  });

  it("brings an app removed as idle back on the webhook of a push to its branch, without waiting for a sweep", async () => {
    // Prepare: the app (back from the first test) goes idle again and is removed
    const removed = await sweepAt(300 * HOUR);
    expect(removed.outcomes).toMatchObject([{ kind: "removed", app: APP, status: "deleted" }]);
    await waitFor(`namespace ${APP} deleted`, async () => ((await namespace()) === undefined ? true : undefined));
    const before = await revParse(bare, "feature/idle");

    // Act: a push, and GitHub's push event for it
    await push("feature/idle", { "charts/web/NOTES.txt": "idle, a third take\n" }, "a third take");
    const delivered = await handleWebhook(pushEvent("feature/idle", before, await revParse(bare, "feature/idle")), intake);
    const outcomes: JobOutcome[] = [];
    while (queued.length > 0) {
      const next = queued.shift();
      if (next) outcomes.push(await runJob(next.job, worker));
    }

    // Assess
    expect(delivered).toMatchObject({ status: 202, body: { status: "queued" } });
    const jobs = (delivered.body as { jobs: { app: string }[] }).jobs;
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.app === APP)).toBe(true);
    expect(outcomes[0]).toMatchObject({ kind: "sync", app: APP, sync: { status: "synced" } });
    expect(outcomes.filter((o) => o.kind !== "sync")).toEqual([]);
    expect((await namespace())?.metadata.annotations?.["sluice.dev/created-for"]).toBe(APP);
    expect(await valuesFile()).toBe("host: web-feature-idle.review.example\n");
  });
});
