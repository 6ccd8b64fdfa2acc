// Chart version updates of a Chart.yaml dependency from a Helm repository, on real components: a
// static Helm repository (helm package + helm repo index), the git http-backend, real helm renders,
// the 1.37 test cluster. The sweep finds the new version, the worker's chart-update job writes it,
// and `sluice rollback`, run as a child process, holds it until a newer one is published.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import type { Notification } from "../../src/core/notify/notification.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { runSweep, type SweepDeps } from "../../src/jobs/sweep/run-sweep.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, gitLog, readFileAtHead, revParse } from "../harness/git-server.ts";
import { startHelmRepoServer, writeChart, type HelmRepoServer } from "../harness/helm-repo-server.ts";
import { getJson } from "./sync-kubectl.ts";

const NS = "chart-update-helm-repo";
const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");

const chartYaml = (repo: string, db: string) => [
  "apiVersion: v2",
  "name: web",
  "version: 1.0.0   # the app's own version, never touched",
  "dependencies:",
  "  - name: db   # from the Helm repository",
  `    version: "${db}"   # moved by Sluice within ~0.1.0`,
  `    repository: ${repo}`,
  "",
].join("\n");

describe("chart version updates: a Chart.yaml dependency from a Helm repository", () => {
  let work: string;
  let repo: HelmRepoServer;
  let gitServer: GitHttpServer;
  let bare: string;
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  const queued: QueuedJob[] = [];
  const emitted: Notification[] = [];
  const sluice = (...args: string[]): Promise<{ code: number; out: string }> => new Promise((resolve) => {
    const env = { ...process.env, SLUICE_WORK_DIR: join(work, "cli"), CHARTS_PASSWORD: "s3cret" };
    execFile(process.execPath, [BIN, ...args, "--config", join(work, "sluice.yaml")], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr });
    });
  });

  const publish = async (version: string) => repo.publish(await writeChart(join(work, "src", `db-${version}`), { name: "db", version }));
  const dbChart = async () => ((await getJson("configmap", "helmdep-db", NS))?.["data"] as { chart?: string } | undefined)?.chart;
  const sweepAndRun = async () => {
    queued.length = 0;
    const result = await runSweep(sweep);
    const outcomes: JobOutcome[] = [];
    for (const { job } of [...queued]) outcomes.push(await runJob(job, worker));
    return { result, outcomes };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-chart-update-helm-"));
    const tools = await ensureKubeTools();
    repo = await startHelmRepoServer(tools.helm, { username: "charts", password: "s3cret" });
    await publish("0.1.0");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "gitops.git", {
      "web/Chart.yaml": chartYaml(repo.url, "0.1.0"),
      "web/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  chart: web\n",
    });
    bare = join(work, "git", "gitops.git");
    const yaml = `
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
helmRepositories:
  - { urlPrefix: "${repo.url}", username: charts, password: { env: CHARTS_PASSWORD } }
apps:
  - name: helmdep
    source: { repo: ${gitServer.url}/gitops.git, path: web }
    render: { helm: { dependencyUpdates: [{ name: db, semver: "~0.1.0" }] } }
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
`;
    await writeFile(join(work, "sluice.yaml"), yaml);
    const config = parseConfig(yaml, join(work, "sluice.yaml"));
    const built = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: { CHARTS_PASSWORD: "s3cret" } }, tools });
    // What would be queued for delivery, kept: a deploy a chart bump made is announced as any other.
    worker = { ...built, notifications: { emit: async (ns) => void emitted.push(...ns), deliver: () => Promise.reject(new Error("not delivered here")) } };
    sweep = buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) });
  }, 180_000);

  afterAll(async () => {
    await gitServer?.close();
    await repo?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("bumps the pinned version within the range byte for byte, commits [skip ci], syncs it, and never downgrades", async () => {
    // Prepare: synced at 0.1.0, then 0.1.5 and 0.2.0 (outside the range) published
    await sweepAndRun();
    const initial = await revParse(bare);
    await publish("0.1.5");
    await publish("0.2.0");

    emitted.length = 0;

    // Act
    const found = await sweepAndRun();
    const asked = repo.requests.length;
    const quiet = await sweepAndRun();
    const quietReads = repo.requests.slice(asked);
    const late = await runJob({ kind: "chart-update", app: "helmdep", chart: `${repo.url}/db`, dependency: "db", version: "0.1.0", deliveryId: "late" }, worker);

    // Assess
    expect(found.result.jobs).toEqual([{ kind: "chart-update", app: "helmdep", reason: "chart db 0.1.0 → 0.1.5" }]);
    expect(found.outcomes).toMatchObject([{ kind: "chart-update", status: "committed", from: "0.1.0", to: "0.1.5", sync: { status: "synced" } }]);
    expect(await readFileAtHead(bare, "web/Chart.yaml")).toBe(chartYaml(repo.url, "0.1.5"));
    const log = await gitLog(bare);
    expect(log.map((c) => c.subject)).toEqual(["[skip ci] sluice: helmdep chart db 0.1.0 -> 0.1.5", "Initial commit"]);
    expect(log[1]?.sha).toBe(initial);
    expect(await dbChart()).toBe("db-0.1.5");
    expect(emitted.map((n) => [n.trigger, n.revision, n.cause])).toEqual([["on-deployed", log[0]?.sha, { kind: "sweep", deliveryId: found.result.sweepId }]]);
    expect(quiet.result).toMatchObject({ queued: [], unknown: [] });
    // The chart lock and the update planner share one listing per sweep; nothing is downloaded.
    expect(quietReads).toEqual(["/index.yaml"]);
    expect(late).toMatchObject({ kind: "chart-update", status: "unchanged", from: "0.1.5", to: "0.1.5" });
    expect((await gitLog(bare)).length).toBe(2);
  }, 300_000);

  it("after a rollback that took the version back, holds it until a version newer than the one rolled back from", async () => {
    // Prepare: the first revision, at 0.1.0
    const initial = (await gitLog(bare)).at(-1)?.sha ?? "";

    // Act: roll back, sweep with nothing newer, then 0.1.6 is published
    const rolled = await sluice("rollback", "helmdep", "--to", initial.slice(0, 12));
    const rollbackCommit = await revParse(bare);
    const atRollback = await dbChart();
    const heldSweep = await sweepAndRun();
    const held = await worker.destinationFor(worker.config.apps[0] ?? fail()).readRecord("helmdep");
    await publish("0.1.6");
    const released = await sweepAndRun();
    const after = await worker.destinationFor(worker.config.apps[0] ?? fail()).readRecord("helmdep");

    // Assess
    expect(rolled).toEqual({ code: 0, out: `  ${repo.url}/db: 0.1.5 -> 0.1.0 (held)\nhelmdep rolled back to ${initial.slice(0, 12)}: rolled-back in ${rollbackCommit.slice(0, 12)}, sync synced\n` });
    expect(atRollback).toBe("db-0.1.0");
    expect(heldSweep.result).toMatchObject({ queued: [], unknown: [] });
    expect(held?.holds).toEqual([{ repository: `${repo.url}/db`, tag: "0.1.0", from: "0.1.5", message: expect.stringContaining("rolled back to") }]);
    expect(released.result.jobs).toEqual([{ kind: "chart-update", app: "helmdep", reason: "chart db 0.1.0 → 0.1.6" }]);
    expect(released.outcomes).toMatchObject([{ status: "committed", from: "0.1.0", to: "0.1.6" }]);
    expect(await readFileAtHead(bare, "web/Chart.yaml")).toBe(chartYaml(repo.url, "0.1.6"));
    expect(await dbChart()).toBe("db-0.1.6");
    expect(after?.holds).toEqual([]);
    expect(after?.written?.[`${repo.url}/db`]).toBe("0.1.6");
  }, 300_000);
});

function fail(): never {
  throw new Error("the configuration has no app");
}
