// dependencyUpdates for a Chart.yaml dependency from an OCI registry, on real components: charts
// pushed with helm push to docker-registry (their tags are the versions), the git http-backend,
// real helm renders and the 1.37 test cluster; no images: entry is involved.
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
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, gitLog, readFileAtHead } from "../harness/git-server.ts";
import { pushOciChart, writeChart } from "../harness/helm-repo-server.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { getJson } from "./sync-kubectl.ts";

const NS = "chart-update-oci-dependency";

const chartYaml = (host: string, cache: string) => `apiVersion: v2
name: web
version: 1.0.0
dependencies:
  - name: cache
    alias: redis          # updated by its alias
    version: ${cache}     # pinned; Sluice moves it within ~1.2.0
    repository: oci://${host}/charts
`;

describe("chart version updates: a Chart.yaml dependency from an OCI registry, by dependencyUpdates", () => {
  let work: string;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  let helm: string;
  const queued: QueuedJob[] = [];

  const push = async (version: string) => pushOciChart(helm, await writeChart(join(work, "src", `cache-${version}`), { name: "cache", version }), `oci://${registry.host}/charts`);
  const sweepAndRun = async () => {
    queued.length = 0;
    const result = await runSweep(sweep);
    const outcomes: JobOutcome[] = [];
    for (const { job } of [...queued]) outcomes.push(await runJob(job, worker));
    return { result, outcomes };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-chart-update-oci-dep-"));
    const tools = await ensureKubeTools();
    helm = tools.helm;
    registry = await startRegistry();
    await push("1.2.0");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "gitops.git", { "web/Chart.yaml": chartYaml(registry.host, "1.2.0") });
    const config = parseConfig(`
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
registries:
  - { host: "${registry.host}" }
apps:
  - name: ocidep
    source: { repo: ${gitServer.url}/gitops.git, path: web }
    render: { helm: { dependencyUpdates: [{ name: redis, semver: ~1.2.0 }] } }
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
`, join(work, "sluice.yaml"));
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools });
    sweep = buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) });
  }, 180_000);

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("finds the newest allowed tag in the sweep, writes it into Chart.yaml byte for byte, commits [skip ci] and syncs it", async () => {
    // Prepare: synced at 1.2.0; then 1.2.3 and 1.3.0 (outside ~1.2.0) pushed
    await sweepAndRun();
    await push("1.2.3");
    await push("1.3.0");

    // Act
    const found = await sweepAndRun();
    const quiet = await sweepAndRun();

    // Assess
    const bare = join(work, "git", "gitops.git");
    expect(found.result.jobs).toEqual([{ kind: "chart-update", app: "ocidep", reason: "chart cache 1.2.0 → 1.2.3" }]);
    expect(found.outcomes).toMatchObject([{ kind: "chart-update", chart: `oci://${registry.host}/charts/cache`, status: "committed", from: "1.2.0", to: "1.2.3" }]);
    expect(await readFileAtHead(bare, "web/Chart.yaml")).toBe(chartYaml(registry.host, "1.2.3"));
    expect((await gitLog(bare)).map((c) => c.subject)).toEqual(["[skip ci] sluice: ocidep chart cache 1.2.0 -> 1.2.3", "Initial commit"]);
    expect(((await getJson("configmap", "ocidep-cache", NS))?.["data"] as { chart?: string } | undefined)?.chart).toBe("redis-1.2.3"); // helm names an aliased subchart by its alias
    expect(quiet.result).toMatchObject({ queued: [], unknown: [] });
  }, 300_000);
});
