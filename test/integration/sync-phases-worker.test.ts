// Phases, waves and render failures through the worker's real wiring: git http-backend serving
// the app repos, helm rendering a chart with Helm hooks, the API server with kwok's nodes. A sync
// that waits for a wave is continued by follow-up jobs; the test plays the FIFO queue (a job
// delivered before its notBefore is handed back, as SQS redelivers it after the postpone) and
// counts the invocations a three-wave sync costs.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify as dump } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import type { Logger } from "../../src/core/log/logger.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { deleteApp } from "../../src/jobs/sync/delete-app.ts";
import { NotDueError } from "../../src/jobs/worker/assert-due.ts";
import { collectStatus } from "../../src/jobs/status/collect-status.ts";
import { formatStatus } from "../../src/jobs/status/format-status.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, git, revParse } from "../harness/git-server.ts";
import { configMap, deployment, held } from "./sync-fixtures.ts";
import { getJson, names, releasePool } from "./sync-kubectl.ts";
import { annotated, job } from "./sync-hooks-fixtures.ts";

const yaml = (objects: Manifest[]) => objects.map((o) => dump(o)).join("---\n");
const wave = (n: number) => ({ "argocd.argoproj.io/sync-wave": String(n) });

describe("phases, waves and render failures through the worker", () => {
  let work: string;
  let server: GitHttpServer;
  let deps: WorkerDeps;
  const queued: QueuedJob[] = [];
  const logs: { message: string; fields: Record<string, unknown> }[] = [];
  // The worker's clock; the test moves it on to a continuation's notBefore instead of waiting 20 s.
  let offsetMs = 0;

  async function commit(repo: string, files: Record<string, string>, message: string): Promise<string> {
    const clone = await mkdtemp(join(tmpdir(), "sluice-commit-"));
    try {
      await git(["clone", "--quiet", join(work, "git", `${repo}.git`), clone]);
      for (const [path, content] of Object.entries(files)) {
        await mkdir(join(clone, path, ".."), { recursive: true });
        await writeFile(join(clone, path), content);
      }
      await git(["add", "--all"], clone);
      await git(["commit", "--quiet", "-m", message], clone);
      await git(["push", "--quiet", "origin", "main"], clone);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
    return revParse(join(work, "git", `${repo}.git`));
  }

  const recordOf = (name: string) => {
    const app = deps.config.apps.find((a) => a.name === name);
    if (!app) throw new Error(`no app ${name}`);
    return deps.destinationFor(app).readRecord(name);
  };

  /** One invocation of the worker on one message: what it did and how long it took. */
  async function invoke(body: string, using: WorkerDeps = deps): Promise<{ ms: number; early: boolean }> {
    const started = performance.now();
    try {
      await processJobMessage(body, using);
      return { ms: performance.now() - started, early: false };
    } catch (error) {
      if (!(error instanceof NotDueError)) throw error;
      return { ms: performance.now() - started, early: true };
    }
  }

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-phases-worker-"));
    for (const repo of ["waves", "chart", "random", "teardown"]) await createBareRepo(join(work, "git"), `${repo}.git`, { "app/README.md": "objects below\n" });
    server = await startGitHttpServer({ root: join(work, "git") });
    const config = parseConfig(`
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: waves
    source: { repo: ${server.url}/waves.git, branch: main, path: app }
    render: { directory: { include: "**/*.yaml" } }
    destination: { cluster: test, namespace: phases-waves }
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0, waveTimeoutSeconds: 120 }
  - name: chart
    source: { repo: ${server.url}/chart.git, branch: main, path: app }
    render: { helm: {} }
    destination: { cluster: test, namespace: phases-chart }
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0, waveTimeoutSeconds: 120 }
  - name: teardown
    source: { repo: ${server.url}/teardown.git, branch: main, path: app }
    render: { directory: { include: "**/*.yaml" } }
    destination: { cluster: test, namespace: phases-teardown }
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0, waveTimeoutSeconds: 120 }
  - name: random
    source: { repo: ${server.url}/random.git, branch: main, path: app }
    render: { helm: {} }
    destination: { cluster: test, namespace: phases-random }
    syncPolicy: { createNamespace: true, selfHeal: true, healthTimeoutSeconds: 0 }
`, join(work, "sluice.yaml"));
    const logger: Logger = { debug() {}, info() {}, warn: (message, fields = {}) => void logs.push({ message, fields }), error: (message, fields = {}) => void logs.push({ message, fields }) };
    const built = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger, secretSources: { env: {} }, tools: await ensureKubeTools(), queue: { enqueue: async (jobs) => void queued.push(...jobs) } });
    deps = { ...built, now: () => new Date(Date.now() + offsetMs) };
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("continues a three-wave sync as follow-up jobs, each wave started once the one before is Healthy", async () => {
    // Prepare: waves 0 and 1 are Deployments whose pods wait for the test to release their pools
    const ns = "phases-waves";
    const head = await commit("waves", { "app/all.yaml": yaml([
      annotated(held("phases-w0", deployment("db")), wave(0)),
      annotated(held("phases-w1", deployment("api")), wave(1)),
      annotated(configMap("done"), wave(2)),
    ]) }, "three waves");
    const invocations: { ms: number; early: boolean }[] = [];

    // Act: the webhook's job applies wave 0, waits its budget, and hands the wait to a follow-up
    invocations.push(await invoke(JSON.stringify({ kind: "sync", app: "waves", trigger: "webhook", deliveryId: "d-waves" })));
    expect(await names("deployment", ns)).toEqual(["db"]);
    expect((await recordOf("waves"))?.syncWait).toMatchObject({ revision: head, step: 0 });
    const continueOnce = async () => {
      const next = queued.shift();
      if (!next) throw new Error("no continuation queued");
      // Delivered at once (FIFO cannot delay it): handed back until due; then due.
      invocations.push(await invoke(JSON.stringify(next.job)));
      offsetMs = Date.parse(next.job.kind === "sync" ? next.job.notBefore ?? "" : "") - Date.now();
      invocations.push(await invoke(JSON.stringify(next.job)));
    };
    // Wave 0 still rolling out when the first continuation looks: it looks once and queues the next.
    await continueOnce();
    expect(await names("deployment", ns)).toEqual(["db"]);
    for (const pool of ["phases-w0", "phases-w1"]) {
      await releasePool(pool);
      await continueOnce();
    }

    // Assess: every wave applied in order, the sync done, no job left
    expect(queued).toEqual([]);
    expect(await getJson("configmap", "done", ns)).toBeDefined();
    const record = await recordOf("waves");
    expect(record).toMatchObject({ revision: head, sync: { status: "Synced" } });
    expect(record?.syncWait).toBeUndefined();
    expect(record?.history[0]).toMatchObject({ revision: head, trigger: "webhook", deliveryId: "d-waves", result: "Succeeded", phases: [{ phase: "Sync", status: "Succeeded", waves: [0, 1, 2] }] });
    expect(invocations.map((i) => i.early)).toEqual([false, true, false, true, false, true, false]);
    // The figures for the README: invocations, and GB-seconds at the worker's 1024 MB.
    const seconds = invocations.reduce((sum, i) => sum + i.ms, 0) / 1000;
    console.info(`three-wave sync: ${invocations.length} invocations (${invocations.filter((i) => i.early).length} handed back early), `
      + `${invocations.map((i) => `${Math.round(i.ms)} ms`).join(", ")}; ${seconds.toFixed(2)} s = ${seconds.toFixed(2)} GB-s at 1 GB`);
  });

  it("runs a chart's Helm hooks by their annotations: pre-upgrade as PreSync, its weight as the wave, test hooks never", async () => {
    // Prepare: a chart whose migration is a pre-install/pre-upgrade hook and whose test is a test hook
    const ns = "phases-chart";
    const hook = (name: string, annotations: Record<string, string>) => dump(annotated(job(name, { image: "registry.invalid/{{ .Values.image }}" }), annotations)).replace(/'?registry\.invalid\/\{\{ \.Values\.image \}\}'?/, '"registry.invalid/{{ .Values.image }}"');
    const chart = {
      "app/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 1.0.0\n",
      "app/values.yaml": "image: migrate:1.0.0\n",
      "app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { image: {{ .Values.image | quote }} }\n",
      "app/templates/migrate.yaml": hook("migrate", { "helm.sh/hook": "pre-install,pre-upgrade", "helm.sh/hook-weight": "-5", "helm.sh/hook-delete-policy": "before-hook-creation" }),
      "app/templates/test.yaml": hook("shop-test", { "helm.sh/hook": "test" }),
    };
    await commit("chart", chart, "chart 1.0.0");

    // Act
    await invoke(JSON.stringify({ kind: "sync", app: "chart", trigger: "webhook", deliveryId: "d-chart-1" }));
    const first = await getJson("job", "migrate", ns);
    await commit("chart", { "app/values.yaml": "image: migrate:2.0.0\n" }, "chart values 2.0.0");
    await invoke(JSON.stringify({ kind: "sync", app: "chart", trigger: "webhook", deliveryId: "d-chart-2" }));

    // Assess
    const record = await recordOf("chart");
    expect(record?.history[0]).toMatchObject({ result: "Succeeded", phases: [{ phase: "PreSync", status: "Succeeded", waves: [-5], hooks: [{ name: "migrate", status: "Succeeded" }] }, { phase: "Sync", status: "Succeeded" }] });
    const second = await getJson("job", "migrate", ns);
    expect(second?.metadata.uid).not.toBe(first?.metadata.uid);
    expect(await names("job", ns)).toEqual(["migrate"]);
    expect(record?.inventory).toEqual(["v1/ConfigMap/phases-chart/settings"]);
  });

  it("records a broken commit as a render error that status shows, renders it no more, and clears it with the next good commit", async () => {
    // Prepare: the chart's template calls a function Helm does not have
    const good = (await recordOf("chart"))?.revision;
    const broken = await commit("chart", { "app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { image: {{ .Values.image | shout }} }\n" }, "broken template");
    logs.length = 0;

    // Act: the webhook's job, then the sweep's for the same head
    await invoke(JSON.stringify({ kind: "sync", app: "chart", trigger: "webhook", deliveryId: "d-broken" }));
    await invoke(JSON.stringify({ kind: "sync", app: "chart", trigger: "sweep", deliveryId: "d-sweep" }));

    // Assess: recorded with helm's file and line; the applied revision kept; both jobs done for good
    const record = await recordOf("chart");
    expect(record).toMatchObject({ revision: good, sync: { status: "Unknown" }, renderError: { revision: broken } });
    expect(record?.renderError?.message).toMatch(/^helm template failed: Error: parse error at \(shop\/templates\/cm\.yaml:4\): function "shout" not defined$/);
    expect(logs.filter((l) => l.message === "job failed for good").map((l) => String(l.fields["error"]))).toEqual([
      expect.stringMatching(/^chart: render of [0-9a-f]{12} failed: helm template failed: .*function "shout" not defined/),
      expect.stringMatching(/^chart: [0-9a-f]{12} failed to render at .* and is not rendered again until a newer commit or `sluice sync`/),
    ]);
    expect(logs.filter((l) => l.message === "job failed; will retry")).toEqual([]);
    const status = formatStatus(await collectStatus({ ...deps.config, apps: deps.config.apps.filter((a) => a.name === "chart") }, deps.destinationFor));
    expect(status).toMatch(/chart +[0-9a-f]{12} +Unknown .*\n {4}render of [0-9a-f]{12} failed: helm template failed: .*function "shout" not defined/);

    // Act: the fix lands
    const fixed = await commit("chart", { "app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { image: {{ .Values.image | upper | quote }} }\n" }, "fix");
    await invoke(JSON.stringify({ kind: "sync", app: "chart", trigger: "webhook", deliveryId: "d-fixed" }));
    const after = await recordOf("chart");
    expect(after).toMatchObject({ revision: fixed, sync: { status: "Synced" } });
    expect(after?.renderError).toBeUndefined();
  });

  it("reports the objects and fields a chart renders differently every time instead of self-healing them forever", async () => {
    // Prepare: a chart that generates its token on every render, synced once
    await commit("random", {
      "app/Chart.yaml": "apiVersion: v2\nname: random\nversion: 1.0.0\n",
      "app/templates/secret.yaml": "apiVersion: v1\nkind: Secret\nmetadata: { name: token }\ndata: { token: {{ randAlphaNum 16 | b64enc | quote }}, user: {{ \"admin\" | b64enc | quote }} }\n",
      "app/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { level: info }\n",
    }, "random token");
    await invoke(JSON.stringify({ kind: "sync", app: "random", trigger: "webhook", deliveryId: "d-random" }));
    const synced = await recordOf("random");
    // Another worker process: its render cache is empty, so it renders the revision anew.
    const cold: WorkerDeps = { ...deps, render: { ...deps.render, cache: undefined } };

    // Act: the sweep's job at the same revision finds the Secret drifted
    await invoke(JSON.stringify({ kind: "sync", app: "random", trigger: "sweep", deliveryId: "d-random-2" }), cold);

    // Assess: reported with the object and field, not applied again
    const record = await recordOf("random");
    expect(record?.sync).toEqual({ status: "OutOfSync", message: expect.stringContaining("1 resource(s) render differently every time, so they never match the cluster: Secret/token (/data/token). Ignore these fields with syncPolicy.ignoreDifferences") });
    expect(record?.history).toEqual(synced?.history);
  });

  it("runs the PostDelete hooks once the app's resources are deleted, never on sync", async () => {
    // Prepare: an app with a PostDelete clean-up Job, synced
    const ns = "phases-teardown";
    await commit("teardown", { "app/all.yaml": yaml([configMap("settings"), annotated(job("cleanup"), { "argocd.argoproj.io/hook": "PostDelete" })]) }, "with clean-up");
    await invoke(JSON.stringify({ kind: "sync", app: "teardown", trigger: "webhook", deliveryId: "d-teardown" }));
    expect(await names("job", ns)).toEqual([]);
    const app = deps.config.apps.find((a) => a.name === "teardown");
    if (!app) throw new Error("no app");

    // Act
    const results = await deleteApp(app, deps);

    // Assess: the ConfigMap deleted, then the hook run to completion, the record gone
    expect(results.map((r) => `${r.kind}/${r.name}:${r.status}`)).toEqual(["ConfigMap/settings:pruned", "Job/cleanup:applied"]);
    expect(results[1]?.message).toBe("PostDelete hook Succeeded");
    expect(await getJson("configmap", "settings", ns)).toBeUndefined();
    expect((await getJson("job", "cleanup", ns))?.["status"]).toMatchObject({ succeeded: 1 });
    expect(await recordOf("teardown")).toBeUndefined();
  });
});

