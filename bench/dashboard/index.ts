// npm run bench -- dashboard
// N apps (BENCH_APPS, default 200) over 10 namespaces, each with its record (a ConfigMap in
// sluice-system) stored through ClusterDestination on a real kube-apiserver (test/harness). Then,
// alternating, BENCH_ROUNDS times each:
//   sluice    GET /api/apps (page 1, 50 rows) through the dashboard's JSON API handler
//             (src/jobs/api/handle-api.ts), its 2-second row cache defeated so every call lists
//   baseline  what a user does without the dashboard: `kubectl get configmaps -n sluice-system
//             -l sluice.dev/record=true -o json`, the records parsed from its output
// Last line: p50 of the API call over the baseline's p50.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { configSchema } from "../../src/core/config/app-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { mapLimit } from "../../src/core/util/map-limit.ts";
import { HttpKubeClient } from "../../src/adapters/kube/http-kube-client.ts";
import { kubeTransport } from "../../src/adapters/kube/kube-http.ts";
import { RECORD_LABEL, RECORD_NAMESPACE } from "../../src/adapters/kube/labels.ts";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { appRecordSchema } from "../../src/engine/record/app-record.ts";
import { apiHandler } from "../../src/jobs/api/handle-api.ts";
import * as z from "zod";
import type { JobQueue } from "../../src/core/queue/job-queue.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { startCluster } from "../../test/harness/start-cluster.ts";

const APPS = Number(process.env["BENCH_APPS"] ?? 200);
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 30);
const pad = (n: number) => String(n).padStart(5, "0");

const p50 = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out).toString("utf8")) : reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString("utf8")}`))));
  });
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "sluice-bench-dashboard-"));
  const tools = await ensureKubeTools();
  const cluster = await startCluster();
  console.log(`load before: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (2 cores); ${APPS} apps, ${ROUNDS} rounds; kube-apiserver ${cluster.version}`);
  try {
    const apps = Array.from({ length: APPS }, (_, i) => ({
      name: `app-${pad(i)}`,
      // Nothing listens here: the list's commit subjects fail once and stay cached as absent.
      source: { repo: "http://127.0.0.1:1/charts.git", path: `apps/app-${pad(i)}` },
      render: { directory: {} },
      destination: { cluster: "bench", namespace: `ns-${i % 10}` },
      syncPolicy: { automated: true },
    }));
    const config = configSchema.parse({ clusters: [{ name: "bench", kubeconfig: { path: cluster.kubeconfig } }], apps });
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const destination = new ClusterDestination(new HttpKubeClient(await kubeTransport(kc, { maxSockets: 16 })), { name: "bench" });
    const revision = "0123456789abcdef0123456789abcdef01234567";
    await mapLimit(config.apps, 16, async (app, i) => {
      const record = appRecordSchema.parse({
        app: app.name,
        revision,
        images: { "registry.example/web": `1.${i}.0` },
        sync: i % 7 === 0 ? { status: "OutOfSync", message: "2 objects differ" } : { status: "Synced" },
        health: { status: i % 11 === 0 ? "Progressing" : "Healthy" },
        inventory: [`v1/ConfigMap/${app.destination.namespace}/${app.name}`],
        history: [{ revision, at: "2026-01-01T00:00:00.000Z", trigger: "bench", deliveryId: "seed", result: "Succeeded" }],
      });
      await destination.storeRecord(record, undefined);
    });

    const built = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: join(work, "worker") }), logger: silentLogger, secretSources: { env: {} }, tools });
    const queue: JobQueue = { enqueue: () => Promise.reject(new Error("the list queues nothing")) };
    let clock = Date.now();
    // Each call a fresh listing: the clock moves past the row cache's 2 seconds between calls.
    const handle = apiHandler({ ...built, destinationFor: () => destination, queue, now: () => new Date((clock += 10_000)) });
    // What the bench checks of the answer, parsed rather than trusted.
    const listSchema = z.object({ total: z.number(), items: z.array(z.object({ name: z.string(), sync: z.string() })) });
    const kubectlListSchema = z.object({ items: z.array(z.unknown()) });
    const list = async (): Promise<z.infer<typeof listSchema>> => {
      const response = await handle({ method: "GET", path: "/api/apps", query: { page: "1", pageSize: "50" }, body: "", mayAct: false, via: "bench" });
      if (response.status !== 200) throw new Error(`GET /api/apps: ${response.status} ${JSON.stringify(response.body)}`);
      return listSchema.parse(response.body);
    };
    const env = { ...process.env, KUBECONFIG: cluster.kubeconfig };
    const baseline = async (): Promise<number> => {
      const out = kubectlListSchema.parse(JSON.parse(await run(tools.kubectl, ["get", "configmaps", "-n", RECORD_NAMESPACE, "-l", `${RECORD_LABEL}=true`, "-o", "json"], env)));
      return out.items.length;
    };

    // Warm-up, and both sides see every app.
    const first = await list();
    if (first.total !== APPS || first.items.length !== Math.min(50, APPS)) throw new Error(`the API listed ${first.total} apps, ${first.items.length} on the page`);
    if (first.items.some((r) => r.sync === "Unknown")) throw new Error(`rows without records: ${JSON.stringify(first.items.find((r) => r.sync === "Unknown"))}`);
    const seen = await baseline();
    if (seen !== APPS) throw new Error(`kubectl listed ${seen} records, expected ${APPS}`);

    const sluice: number[] = [];
    const base: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      let t = performance.now();
      await list();
      sluice.push(performance.now() - t);
      t = performance.now();
      await baseline();
      base.push(performance.now() - t);
    }
    console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    console.log(`| side | what | p50 | min | max |`);
    console.log(`|---|---|---:|---:|---:|`);
    console.log(`| sluice | GET /api/apps via apiHandler (LIST of records, rows, page 1 of 50) | ${p50(sluice).toFixed(1)} ms | ${Math.min(...sluice).toFixed(1)} ms | ${Math.max(...sluice).toFixed(1)} ms |`);
    console.log(`| baseline | kubectl get configmaps -n ${RECORD_NAMESPACE} -l ${RECORD_LABEL}=true -o json | ${p50(base).toFixed(1)} ms | ${Math.min(...base).toFixed(1)} ms | ${Math.max(...base).toFixed(1)} ms |`);
    console.log(`dashboard: ${APPS} apps, GET /api/apps p50 ${p50(sluice).toFixed(1)} ms vs baseline kubectl list of the records p50 ${p50(base).toFixed(1)} ms (${ROUNDS} rounds) ratio=${(p50(sluice) / p50(base)).toFixed(3)}`);
  } finally {
    await cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
