// A cluster, a registry and a git host that accept connections and drop them, beside real ones:
// the sweep makes only their apps Unknown, with the reason, keeps that and the backoff in the
// reachable cluster's sluice-sweep ConfigMap, sweeps the other apps as usual, and leaves the
// failing endpoints alone until their backoff ends.
import { readFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { runSweep, type SweepDeps } from "../../src/jobs/sweep/run-sweep.ts";
import { sweepStateSchema } from "../../src/jobs/sweep/sweep-state.ts";
import { runJob } from "../../src/jobs/worker/run-job.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { createBareRepo } from "../harness/git-server.ts";
import { pushImage } from "../harness/push-image.ts";
import { startRegistry, type Registry } from "../harness/registry.ts";
import { getJson } from "./sync-kubectl.ts";

/** A TCP port that accepts every connection and resets it at once, counting them. */
interface BlackHole {
  port: number;
  connections: number;
  close(): Promise<void>;
}

async function startBlackHole(): Promise<BlackHole> {
  const sockets = new Set<Socket>();
  const hole = { port: 0, connections: 0, close: async () => {} };
  const server: Server = createServer((socket) => {
    hole.connections += 1;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  hole.port = typeof address === "object" && address ? address.port : 0;
  hole.close = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  return hole;
}

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  tag: "1.0.0"\n`;

describe("an endpoint that does not answer affects only its own apps", () => {
  let work: string;
  let registry: Registry;
  let gitServer: GitHttpServer;
  let holes: { cluster: BlackHole; registry: BlackHole; git: BlackHole };
  let worker: WorkerDeps;
  let sweep: SweepDeps;
  const queued: QueuedJob[] = [];
  const connections = () => holes.cluster.connections + holes.registry.connections + holes.git.connections;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-sweep-unreachable-"));
    holes = { cluster: await startBlackHole(), registry: await startBlackHole(), git: await startBlackHole() };
    registry = await startRegistry();
    await pushImage(registry.url, "team/ok", "1.0.0");
    await createBareRepo(join(work, "git"), "charts.git", { "apps/ok/cm.yaml": configMap("ok"), "apps/far/cm.yaml": configMap("far"), "apps/stale/cm.yaml": configMap("stale") });
    gitServer = await startGitHttpServer({ root: join(work, "git") });
    // The cluster that is gone: the test cluster's kubeconfig, pointed at the black hole.
    const kubeconfig = await readFile(inject("kubeconfig"), "utf8");
    await writeFile(join(work, "gone.kubeconfig"), kubeconfig.replace(/server: https:\/\/127\.0\.0\.1:\d+/, `server: https://127.0.0.1:${holes.cluster.port}`));

    const app = (name: string, cluster: string, repo: string, image?: string) => `
  - name: ${name}
    source: { repo: ${repo}, branch: main, path: apps/${name} }
    render: { directory: {} }
    destination: { cluster: ${cluster}, namespace: unreachable-${name} }${image ? `
    images:
      - repository: ${image}
        policy: { semver: ">=1.0.0" }
        write: { file: apps/${name}/cm.yaml, tag: data.tag }` : ""}
    syncPolicy: { createNamespace: true, healthTimeoutSeconds: 0 }`;
    const charts = `${gitServer.url}/charts.git`;
    const deadRegistry = `127.0.0.1:${holes.registry.port}`;
    const config = parseConfig(`
registries:
  - { host: "${registry.host}", url: "${registry.url}" }
  - { host: "${deadRegistry}", url: "http://${deadRegistry}" }
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
  - name: gone
    kubeconfig: { path: ${join(work, "gone.kubeconfig")} }
apps:${app("ok", "test", charts, `${registry.host}/team/ok`)}${app("far", "gone", charts)}${app("stale", "test", charts, `${deadRegistry}/team/stale`)}${app("lost", "test", `http://127.0.0.1:${holes.git.port}/lost.git`)}
`, join(work, "sluice.yaml"));
    worker = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work }), logger: silentLogger, secretSources: { env: {} }, tools: await ensureKubeTools() });
    sweep = buildSweepDeps(worker, { enqueue: async (jobs) => void queued.push(...jobs) });
    // Bring ok and stale to a first record, as earlier sweeps would have.
    for (const name of ["ok", "stale"]) await runJob({ kind: "sync", app: name, deliveryId: "setup", trigger: "manual" }, worker);
  }, 120_000);

  afterAll(async () => {
    await gitServer?.close();
    await registry?.stop();
    for (const hole of Object.values(holes ?? {})) await hole.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("marks their apps Unknown with the reason, sweeps the rest, and backs them off", async () => {
    // Prepare: a new tag for ok's image that no webhook reported
    await pushImage(registry.url, "team/ok", "1.1.0");
    const start = new Date();
    let now = start;
    sweep.now = () => now;

    // Act 1: a sweep
    const first = await runSweep(sweep);
    const afterFirst = connections();
    for (const job of queued) await runJob(job.job, worker);

    // Assess 1: ok is bumped and applied; the other three are Unknown, each with its endpoint's reason
    expect(first.jobs).toEqual([{ kind: "image-update", app: "ok", reason: `${registry.host}/team/ok 1.0.0 → 1.1.0` }]);
    expect(((await getJson("configmap", "ok", "unreachable-ok"))?.["data"] as Record<string, string>)["tag"]).toBe("1.1.0");
    expect(first.unknown.map((u) => u.app)).toEqual(["far", "lost", "stale"]);
    expect(first.unknown.find((u) => u.app === "far")?.reason).toMatch(/^records in gone: .*(socket hang up|ECONNRESET)/);
    expect(first.unknown.find((u) => u.app === "lost")?.reason).toMatch(new RegExp(`^head of main in http://127\\.0\\.0\\.1:${holes.git.port}/lost\\.git: .*ECONNRESET`));
    expect(first.unknown.find((u) => u.app === "stale")?.reason).toMatch(new RegExp(`^tags of 127\\.0\\.0\\.1:${holes.registry.port}/team/stale: `));
    expect(holes.cluster.connections).toBeGreaterThan(0);
    expect(holes.registry.connections).toBeGreaterThan(0);
    expect(holes.git.connections).toBeGreaterThan(0);

    // Assess 1: the reachable cluster keeps the backoff and the Unknown apps
    const stored = await getJson("configmap", "sluice-sweep", "sluice-system");
    const state = sweepStateSchema.parse(JSON.parse((stored?.["data"] as Record<string, string>)["state.json"] ?? "{}"));
    expect(Object.keys(state.endpoints).sort()).toEqual([`cluster:gone`, `git:127.0.0.1:${holes.git.port}`, `registry:127.0.0.1:${holes.registry.port}`]);
    expect(Object.values(state.endpoints).map((e) => e.failures)).toEqual([1, 1, 1]);
    expect(Object.keys(state.unknown).sort()).toEqual(["far", "lost", "stale"]);

    // Act 2: 30 s later, within the backoff
    now = new Date(start.getTime() + 30_000);
    const second = await runSweep(sweep);

    // Assess 2: not one connection to the failing endpoints; the same apps Unknown, saying they are backed off
    expect(connections()).toBe(afterFirst);
    expect(second.unknown.map((u) => u.app)).toEqual(["far", "lost", "stale"]);
    expect(second.unknown.every((u) => /backed off after 1 failed sweep/.test(u.reason))).toBe(true);
    expect(second.queued).toEqual([]);

    // Act 3: the next scheduled sweep, after the backoff
    now = new Date(start.getTime() + 180_000);
    await runSweep(sweep);

    // Assess 3: tried again
    expect(connections()).toBeGreaterThan(afterFirst);
  });
});
