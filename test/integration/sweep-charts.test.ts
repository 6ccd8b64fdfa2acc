// The sweep and chart versions on real components: a Basic-auth Helm repository, charts pushed
// with helm push to docker-registry, git charts in the git http-backend, the 1.37 test cluster.
// A new version that a range allows is found with no commit, synced, and seen as current after.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { runSweep, type SweepDeps } from "../../src/jobs/sweep/run-sweep.ts";
import { runJob } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo } from "../harness/git-server.ts";
import { pushOciChart, startHelmRepoServer, writeChart, type HelmRepoServer } from "../harness/helm-repo-server.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { getJson } from "./sync-kubectl.ts";

describe("the sweep sees new chart versions without a commit", () => {
  let work: string;
  let registry: Registry;
  let repo: HelmRepoServer;
  let gitServer: GitHttpServer;
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  let helm: string;
  const queued: QueuedJob[] = [];

  const publish = async (name: string, version: string) => repo.publish(await writeChart(join(work, "src", `${name}-${version}`), { name, version }));
  const pushDb = async (version: string) => pushOciChart(helm, await writeChart(join(work, "src", `db-${version}`), { name: "db", version }), `oci://${registry.host}/charts`);
  const chartOf = async (name: string, namespace: string) => ((await getJson("configmap", name, namespace))?.["data"] as { chart?: string; greeting?: string } | undefined);
  const sweepAndRun = async () => {
    queued.length = 0;
    const result = await runSweep(sweep);
    for (const { job } of [...queued]) await runJob(job, worker);
    return result;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-sweep-charts-"));
    const tools = await ensureKubeTools();
    helm = tools.helm;
    registry = await startRegistry();
    repo = await startHelmRepoServer(helm, { username: "charts", password: "s3cret" });
    for (const v of ["1.0.0", "1.1.0"]) await publish("common", v);
    await pushDb("0.1.0");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "gitops.git", {
      "web/Chart.yaml": `apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - { name: common, version: ^1.0.0, repository: "${repo.url}" }\n  - { name: db, version: ~0.1.0, repository: "oci://${registry.host}/charts" }\n`,
      "web/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  chart: web\n",
      "envs/prod/common.yaml": "greeting: from git\n",
    });
    const policy = "{ automated: true, selfHeal: true, createNamespace: true, healthTimeoutSeconds: 0 }";
    const config = parseConfig(`
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
helmRepositories:
  - { urlPrefix: "${repo.url}", username: charts, password: { env: CHARTS_PASSWORD } }
registries:
  - { host: "${registry.host}" }
apps:
  - name: deps
    source: { repo: ${gitServer.url}/gitops.git, path: web }
    render: { helm: {} }
    destination: { cluster: test, namespace: sweep-charts-deps }
    syncPolicy: ${policy}
  - name: noheal
    source: { repo: ${gitServer.url}/gitops.git, path: web }
    render: { helm: {} }
    destination: { cluster: test, namespace: sweep-charts-noheal }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
  - name: remote
    source: { repo: ${gitServer.url}/gitops.git, path: envs }
    render: { helm: { chart: { repo: "${repo.url}", name: common, version: ^1.0.0 }, valueFiles: [$values/envs/prod/common.yaml] } }
    destination: { cluster: test, namespace: sweep-charts-remote }
    syncPolicy: ${policy}
`, join(work, "sluice.yaml"));
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: { CHARTS_PASSWORD: "s3cret" } }, tools });
    sweep = buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) });
  }, 180_000);

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    await repo?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("syncs a new allowed version of a repository chart and of each dependency, then is quiet", async () => {
    // Prepare: both apps synced at the newest versions their ranges allow
    const first = await sweepAndRun();
    expect(first.jobs.map((j) => j.app).sort()).toEqual(["deps", "noheal", "remote"]);
    expect(await chartOf("deps-common", "sweep-charts-deps")).toMatchObject({ chart: "common-1.1.0" });
    expect(await chartOf("deps-db", "sweep-charts-deps")).toMatchObject({ chart: "db-0.1.0" });
    expect(await chartOf("remote-common", "sweep-charts-remote")).toEqual({ chart: "common-1.1.0", greeting: "from git" });
    const quiet = await sweepAndRun();

    // Act: new versions in both repositories, one outside the ranges; git does not move
    await publish("common", "1.2.0");
    await publish("common", "2.0.0");
    await pushDb("0.1.5");
    const moved = await sweepAndRun();
    const after = await sweepAndRun();

    // Assess
    expect(quiet).toMatchObject({ queued: [], unknown: [] });
    expect(moved.jobs.map((j) => [j.app, j.reason.replace(/[0-9a-f]{12}$/, "<head>")]).sort()).toEqual([
      ["deps", "a chart version or digest changed at <head>"],
      ["noheal", "a chart version or digest changed at <head>"],
      ["remote", "a chart version or digest changed at <head>"],
    ]);
    expect(await chartOf("deps-common", "sweep-charts-deps")).toMatchObject({ chart: "common-1.2.0" });
    expect(await chartOf("deps-db", "sweep-charts-deps")).toMatchObject({ chart: "db-0.1.5" });
    // Automated without selfHeal: a chart version is a new source to apply, not drift.
    expect(await chartOf("noheal-common", "sweep-charts-noheal")).toMatchObject({ chart: "common-1.2.0" });
    expect(await chartOf("remote-common", "sweep-charts-remote")).toEqual({ chart: "common-1.2.0", greeting: "from git" });
    expect(after).toMatchObject({ queued: [], unknown: [] });
  }, 300_000);
});
