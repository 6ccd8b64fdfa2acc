// Chart version updates of an app whose source is a chart, on real components: one chart in a
// static Helm repository, one pushed with helm push to docker-registry, the apps defined in an app
// source in the git http-backend (another repo than their values), real helm renders and the 1.37
// test cluster. The new version is written where the app is defined; an inline app cannot be.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import type { Logger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { FileAppLedger } from "../../src/jobs/apps/file-app-ledger.ts";
import { runSweep, type SweepDeps } from "../../src/jobs/sweep/run-sweep.ts";
import { runJob, type JobOutcome } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo, gitLog, readFileAtHead } from "../harness/git-server.ts";
import { pushOciChart, startHelmRepoServer, writeChart, type HelmRepoServer } from "../harness/helm-repo-server.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { getJson } from "./sync-kubectl.ts";

const NS = "chart-update-definition";

/** A logger that keeps its warnings, to see what an operator would read. */
function warnings(): Logger & { warned: { message: string; fields: Record<string, unknown> }[] } {
  const warned: { message: string; fields: Record<string, unknown> }[] = [];
  return { warned, debug() {}, info() {}, error() {}, warn: (message, fields = {}) => void warned.push({ message, fields }) };
}

const definitions = (git: string, helmRepo: string, oci: string, versions: { ingress: string; api: string }) => `# Team apps. Sluice writes only the chart versions.
apps:
  - name: edge
    source: { repo: ${git}/gitops.git, path: envs }
    render:
      helm:
        chart:
          repo: ${helmRepo}
          name: ingress
          version: ${versions.ingress}   # moved by Sluice within ^1.0.0
          update: { semver: ^1.0.0 }
        valueFiles: [$values/envs/ingress.yaml]
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
  - name: backend
    source: { repo: ${git}/gitops.git, path: envs }
    render: { helm: { chart: { repo: "${oci}", name: api, version: "${versions.api}", update: { semver: ~0.3.0 } } } }
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
`;

describe("chart version updates: an app whose source is a chart, its version in its app definition", () => {
  let work: string;
  let repo: HelmRepoServer;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  let helm: string;
  const logger = warnings();
  const queued: QueuedJob[] = [];
  const urls = () => ({ oci: `oci://${registry.host}/charts` });

  const publish = async (version: string) => repo.publish(await writeChart(join(work, "src", `ingress-${version}`), { name: "ingress", version }));
  const pushApi = async (version: string) => pushOciChart(helm, await writeChart(join(work, "src", `api-${version}`), { name: "api", version }), `oci://${registry.host}/charts`);
  const chartOf = async (name: string) => ((await getJson("configmap", name, NS))?.["data"] as { chart?: string; greeting?: string } | undefined);
  const sweepAndRun = async () => {
    queued.length = 0;
    const result = await runSweep(sweep);
    const outcomes: JobOutcome[] = [];
    for (const { job } of [...queued]) outcomes.push(await runJob(job, worker));
    return { result, outcomes };
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-chart-update-def-"));
    const tools = await ensureKubeTools();
    helm = tools.helm;
    repo = await startHelmRepoServer(helm);
    registry = await startRegistry();
    await publish("1.0.0");
    await pushApi("0.3.0");
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await createBareRepo(join(work, "git"), "gitops.git", { "envs/ingress.yaml": "greeting: from git\n" });
    await createBareRepo(join(work, "git"), "apps.git", { "sluice/team.yaml": definitions(gitServer.url, repo.url, urls().oci, { ingress: "1.0.0", api: "0.3.0" }) });
    const config = parseConfig(`
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
registries:
  - { host: "${registry.host}" }
appSources:
  - { repo: ${gitServer.url}/apps.git, path: sluice }
apps:
  - name: standalone
    source: { repo: ${gitServer.url}/gitops.git, path: envs }
    render: { helm: { chart: { repo: "${repo.url}", name: ingress, version: 1.0.0, update: { semver: ^1.0.0 } } } }
    destination: { cluster: test, namespace: ${NS} }
    syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 }
`, join(work, "sluice.yaml"));
    // A ledger of its own: the shared API server's sluice-system holds the generated apps other test files
    // brought up, which this sweep would otherwise remove (as it should, in an installation of its own).
    const ledger = new FileAppLedger(join(work, "sluice-generated"));
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger, secretSources: { env: {} }, tools, ledger });
    sweep = buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) });
  }, 180_000);

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    await repo?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("writes each new allowed version into the app-source file that defines the app, byte for byte, [skip ci], and syncs it", async () => {
    // Prepare: all three synced at the versions defined, then newer versions published
    const first = await sweepAndRun();
    await publish("1.1.0");
    await publish("2.0.0");
    await pushApi("0.3.2");

    // Act
    const found = await sweepAndRun();
    const quiet = await sweepAndRun();

    // Assess
    const apps = join(work, "git", "apps.git");
    expect(first.result.jobs.map((j) => [j.kind, j.app]).sort()).toEqual([["sync", "backend"], ["sync", "edge"], ["sync", "standalone"]]);
    expect(found.result.jobs.map((j) => [j.app, j.reason]).sort()).toEqual([
      ["backend", "chart api 0.3.0 → 0.3.2"], ["edge", "chart ingress 1.0.0 → 1.1.0"], ["standalone", "chart ingress 1.0.0 → 1.1.0"],
    ]);
    const byApp = new Map(found.outcomes.map((o) => [o.app, o]));
    expect(byApp.get("edge")).toMatchObject({ kind: "chart-update", status: "committed", from: "1.0.0", to: "1.1.0", repo: `${gitServer.url}/apps.git`, sync: { status: "synced" } });
    expect(byApp.get("backend")).toMatchObject({ kind: "chart-update", status: "committed", from: "0.3.0", to: "0.3.2", sync: { status: "synced" } });
    expect(await readFileAtHead(apps, "sluice/team.yaml")).toBe(definitions(gitServer.url, repo.url, urls().oci, { ingress: "1.1.0", api: "0.3.2" }));
    expect((await gitLog(apps)).map((c) => c.subject).sort()).toEqual(["Initial commit", "[skip ci] sluice: backend chart api 0.3.0 -> 0.3.2", "[skip ci] sluice: edge chart ingress 1.0.0 -> 1.1.0"]);
    expect((await gitLog(join(work, "git", "gitops.git"))).length).toBe(1);
    expect(await chartOf("edge-ingress")).toEqual({ chart: "ingress-1.1.0", greeting: "from git" });
    expect(await chartOf("backend-api")).toMatchObject({ chart: "api-0.3.2" });
    expect(quiet.result).toMatchObject({ queued: [], unknown: [] });
  }, 300_000);

  it("says an app defined inline in sluice.yaml cannot be written back, in its record and the log, and changes nothing", async () => {
    // Prepare: the sweep above found ingress 1.1.0 for the inline app

    // Act
    const record = await worker.destinationFor(worker.config.apps[0] ?? fail()).readRecord("standalone");

    // Assess
    const why = `chart ingress 1.1.0 is allowed by ^1.0.0 but not written: standalone is defined inline in the deployed sluice.yaml, which is not in git: set render.helm.chart.version there and deploy Sluice again`;
    expect(record?.holds).toEqual([{ repository: `${repo.url}/ingress`, tag: "1.0.0", from: "1.1.0", message: why }]);
    expect(logger.warned.filter((w) => w.fields["chart"] !== undefined)).toMatchObject([{ fields: { app: "standalone", chart: `${repo.url}/ingress`, from: "1.0.0", to: "1.1.0" } }]);
    expect(await chartOf("standalone-ingress")).toMatchObject({ chart: "ingress-1.0.0" });
  }, 60_000);
});

function fail(): never {
  throw new Error("the configuration has no app");
}
