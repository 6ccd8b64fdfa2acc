// `sluice status` and GET /api/appsets on a real kube-apiserver: an app set on a clusters
// generator places one app per labelled cluster; one cluster refuses Sluice's records (its
// identity has no RBAC: a 403 naming the verb and the resource) and one does not answer. The
// report counts per app set and cluster and names each cluster's condition; the rest is read as usual.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { apiHandler } from "../../src/jobs/api/handle-api.ts";
import type { AppSetsBody } from "../../src/jobs/api/app-sets.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { runJob } from "../../src/jobs/worker/run-job.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { createBareRepo } from "../harness/git-server.ts";
import { kubectl } from "./sync-kubectl.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");
const FORBIDDEN = /forbidden: User "system:serviceaccount:sluice-system:status-nobody" cannot (get|list) resource "configmaps" in API group "" in the namespace "sluice-system"/;

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/** The test cluster's kubeconfig, authenticated as a ServiceAccount no role is bound to. */
async function unprivileged(): Promise<string> {
  const exists = (error: unknown) => {
    if (!(error instanceof Error && error.message.includes("AlreadyExists"))) throw error;
  };
  await kubectl("create", "namespace", "sluice-system").catch(exists);
  await kubectl("create", "serviceaccount", "status-nobody", "-n", "sluice-system").catch(exists);
  const token = (await kubectl("create", "token", "status-nobody", "-n", "sluice-system", "--duration=1h")).trim();
  const admin = new KubeConfig();
  admin.loadFromFile(inject("kubeconfig"));
  const cluster = admin.getCurrentCluster();
  if (!cluster) throw new Error("no cluster in the test kubeconfig");
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser({ ...cluster, name: "locked" }, { name: "status-nobody", token });
  return kc.exportConfig();
}

describe("the per-app-set report on a real cluster", () => {
  let work: string;
  let gitServer: GitHttpServer;
  let worker: WorkerDeps;
  let configPath: string;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-status-sets-"));
    const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: agent\ndata:\n  tag: \"1.0.0\"\n";
    await createBareRepo(join(work, "git"), "charts.git", { "apps/agent/cm.yaml": cm, "apps/solo/cm.yaml": cm.replace("agent", "solo") });
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    await writeFile(join(work, "locked.kubeconfig"), await unprivileged());
    const kubeconfig = await readFile(inject("kubeconfig"), "utf8");
    await writeFile(join(work, "gone.kubeconfig"), kubeconfig.replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${await closedPort()}`));
    const charts = `${gitServer.url}/charts.git`;
    configPath = join(work, "sluice.yaml");
    await writeFile(configPath, `webhooks: {}
clusters:
  - { name: test, labels: { tier: edge }, kubeconfig: { path: ${inject("kubeconfig")} } }
  - { name: locked, labels: { tier: edge }, kubeconfig: { path: ${join(work, "locked.kubeconfig")} } }
  - { name: gone, labels: { tier: edge }, kubeconfig: { path: ${join(work, "gone.kubeconfig")} } }
  - { name: core, labels: { tier: core }, kubeconfig: { path: ${inject("kubeconfig")} } }
apps:
  - name: status-solo
    source: { repo: ${charts}, path: apps/solo }
    render: { directory: {} }
    destination: { cluster: test, namespace: status-solo }
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0 }
appSets:
  - name: agents
    generators: [{ clusters: { selector: { matchLabels: { tier: edge } } } }]
    template:
      name: "status-agent-{{cluster.name}}"
      source: { repo: ${charts}, path: apps/agent }
      render: { directory: {} }
      destination: { cluster: "{{cluster.name}}", namespace: "status-agent-{{cluster.name}}" }
      syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0 }
`);
    const config = parseConfig(await readFile(configPath, "utf8"), configPath);
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools() });
    for (const app of ["status-solo", "status-agent-test"]) await runJob({ kind: "sync", app, deliveryId: "setup", trigger: "manual" }, worker);
  }, 120_000);

  afterAll(async () => {
    await gitServer?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("GET /api/appsets counts per app set and cluster and names the forbidden and the unreachable cluster", async () => {
    // Prepare
    const handle = apiHandler({ ...worker, queue: { enqueue: async () => {} } });

    // Act
    const response = await handle({ method: "GET", path: "/api/appsets", query: {}, body: "", mayAct: false, via: "test" });

    // Assess
    expect(response.status).toBe(200);
    const { appSets, problems } = response.body as AppSetsBody;
    expect(problems).toEqual([]);
    expect(appSets.map((s) => s.appSet)).toEqual(["(none)", "agents"]);
    const agents = appSets[1];
    expect(agents).toMatchObject({ clusters: 3, apps: 3, synced: 1, healthy: 1, notSynced: 2 });
    const byCluster = new Map(agents?.perCluster.map((c) => [c.cluster, c]));
    expect([...byCluster.keys()]).toEqual(["gone", "locked", "test"]);
    expect(byCluster.get("test")).toEqual({ cluster: "test", apps: 1, synced: 1, healthy: 1, inProgress: 0, notHealthy: 0, notSynced: 0 });
    expect(byCluster.get("locked")?.condition).toMatch(FORBIDDEN);
    expect(byCluster.get("gone")?.condition).toMatch(/^cannot read records: .*ECONNREFUSED/);
    expect(appSets[0]).toMatchObject({ clusters: 1, apps: 1, synced: 1, healthy: 1 });
  });

  it("sluice status shows the same groups, counts and conditions, and --json the same report", async () => {
    // Prepare
    const run = (args: string[]) => promisify(execFile)("node", [BIN, ...args], { env: { ...process.env, SLUICE_WORK_DIR: work } });

    // Act
    const text = (await run(["status", "--config", configPath])).stdout;
    const json = JSON.parse((await run(["status", "--json", "--config", configPath])).stdout) as AppSetsBody;

    // Assess
    const lines = text.split("\n");
    expect(lines[0]).toBe("CLUSTER test");
    expect(lines.find((l) => l.startsWith("  status-solo "))).toMatch(/Synced +Healthy/);
    expect(lines).toContain("APP SET agents  clusters=3 apps=3 synced=1 healthy=1 in-progress=0 not-healthy=2 not-synced=2");
    const locked = lines.indexOf("  CLUSTER locked  apps=1 synced=0 healthy=0 in-progress=0 not-healthy=1 not-synced=1");
    expect(locked).toBeGreaterThan(0);
    expect(lines[locked + 1]).toMatch(FORBIDDEN);
    const gone = lines.indexOf("  CLUSTER gone  apps=1 synced=0 healthy=0 in-progress=0 not-healthy=1 not-synced=1");
    expect(lines[gone + 1]).toMatch(/^ {4}condition: cannot read: .*ECONNREFUSED/);
    expect(json.appSets.find((s) => s.appSet === "agents")?.perCluster.map((c) => [c.cluster, c.apps, c.synced])).toEqual([["gone", 1, 0], ["locked", 1, 0], ["test", 1, 1]]);
  });
});
