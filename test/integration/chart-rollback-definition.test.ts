// The rollback hold for an app whose source is a chart, on real components: one gitops repo in the
// git http-backend holds both the apps' definitions (an app source) and their values, the charts come
// from a static Helm repository, renders are real helm, the cluster is the 1.37 test cluster.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { FileAppLedger } from "../../src/jobs/apps/file-app-ledger.ts";
import { runSweep, type SweepDeps } from "../../src/jobs/sweep/run-sweep.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, readFileAtHead, revParse } from "../harness/git-server.ts";
import { startHelmRepoServer, writeChart, type HelmRepoServer } from "../harness/helm-repo-server.ts";
import { getJson } from "./sync-kubectl.ts";

const NS = "chart-rollback-definition";
const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");

const definitions = (git: string, charts: string, v: { ingress: string; web: string }) => `apps:
  - name: gateway
    source: { repo: ${git}/gitops.git, path: envs }
    render: { helm: { chart: { repo: "${charts}", name: ingress, version: ${v.ingress}, update: { semver: ^1.0.0 } } } }
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
  - name: storefront   # defined in the same file: a rollback of gateway leaves it be
    source: { repo: ${git}/gitops.git, path: envs }
    render: { helm: { chart: { repo: "${charts}", name: web, version: ${v.web}, update: { semver: ^2.0.0 } } } }
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
`;

describe("the rollback hold for a chart version in an app definition", () => {
  let work: string;
  let repo: HelmRepoServer;
  let gitServer: GitHttpServer;
  let bare: string;
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  const queued: QueuedJob[] = [];
  const sluice = (...args: string[]): Promise<{ code: number; out: string }> => new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, "--config", join(work, "sluice.yaml")], { env: { ...process.env, SLUICE_WORK_DIR: join(work, "cli") } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr });
    });
  });

  const publish = async (name: string, version: string) => repo.publish(await writeChart(join(work, "src", `${name}-${version}`), { name, version }));
  const chartOf = async (name: string) => ((await getJson("configmap", name, NS))?.["data"] as { chart?: string } | undefined)?.chart;
  const defs = (v: { ingress: string; web: string }) => definitions(gitServer.url, repo.url, v);
  const sweepAndRun = async () => {
    queued.length = 0;
    const result = await runSweep(sweep);
    const outcomes: JobOutcome[] = [];
    for (const { job } of [...queued]) outcomes.push(await runJob(job, worker));
    return { result, outcomes };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-chart-rollback-def-"));
    const tools = await ensureKubeTools();
    repo = await startHelmRepoServer(tools.helm);
    await publish("ingress", "1.0.0");
    await publish("web", "2.0.0");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "gitops.git", { "envs/values.yaml": "greeting: hi\n", "sluice/apps.yaml": defs({ ingress: "1.0.0", web: "2.0.0" }) });
    bare = join(work, "git", "gitops.git");
    const yaml = `
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
appSources:
  - { repo: ${gitServer.url}/gitops.git, path: sluice }
`;
    await writeFile(join(work, "sluice.yaml"), yaml);
    const config = parseConfig(yaml, join(work, "sluice.yaml"));
    // A ledger of its own: the shared API server's sluice-system holds the generated apps other test files
    // brought up, which this sweep would otherwise remove (as it should, in an installation of its own).
    const ledger = new FileAppLedger(join(work, "sluice-generated"));
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools, ledger });
    sweep = buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) });
  }, 180_000);

  afterAll(async () => {
    await gitServer?.close();
    await repo?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("takes only the app's chart version back, holds it, and moves on once a newer version than the one rolled back from is listed", async () => {
    // Prepare: synced at the first revision, then both charts bumped by the sweep
    await sweepAndRun();
    const initial = await revParse(bare);
    await publish("ingress", "1.1.0");
    await publish("web", "2.1.0");
    const bumped = await sweepAndRun();

    // Act: roll gateway back to the first revision; sweep; then ingress 1.2.0 is published
    const rolled = await sluice("rollback", "gateway", "--to", initial.slice(0, 12));
    const rollbackCommit = await revParse(bare);
    const atRollback = { file: await readFileAtHead(bare, "sluice/apps.yaml"), chart: await chartOf("gateway-ingress") };
    const held = await sweepAndRun();
    await publish("ingress", "1.2.0");
    const released = await sweepAndRun();

    // Assess
    expect(bumped.outcomes.map((o) => [o.app, o.kind === "chart-update" ? o.status : o.kind]).sort()).toEqual([["gateway", "committed"], ["storefront", "committed"]]);
    expect(rolled).toEqual({ code: 0, out: `  ${repo.url}/ingress: 1.1.0 -> 1.0.0 (held)\ngateway rolled back to ${initial.slice(0, 12)}: rolled-back in ${rollbackCommit.slice(0, 12)}, sync synced\n` });
    expect(atRollback).toEqual({ file: defs({ ingress: "1.0.0", web: "2.1.0" }), chart: "ingress-1.0.0" });
    expect(held.result.jobs.filter((j) => j.kind === "chart-update")).toEqual([]);
    expect(released.result.jobs.filter((j) => j.kind === "chart-update")).toEqual([{ kind: "chart-update", app: "gateway", reason: "chart ingress 1.0.0 → 1.2.0" }]);
    expect(await readFileAtHead(bare, "sluice/apps.yaml")).toBe(defs({ ingress: "1.2.0", web: "2.1.0" }));
    expect(await chartOf("gateway-ingress")).toBe("ingress-1.2.0");
    expect(await chartOf("storefront-web")).toBe("web-2.1.0");
  }, 300_000);
});
