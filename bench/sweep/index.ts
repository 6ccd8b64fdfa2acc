// npm run bench -- sweep
// Synthetic fleets of 100, 1,000 and 5,000 apps (BENCH_SIZES) over 4 chart repos on a real git
// server (git http-backend) and 30 image repositories on a real registry (docker-registry), their
// objects applied on a real kube-apiserver 1.20 started per size. After every app is synced, one
// interval's worth of changes that no webhook reported: a new tag on one image repository, a
// commit to one chart repo touching 1 % of the apps, and a hand edit of 1 % of the apps'
// ConfigMaps. Then, in the same run:
//   baseline  a poller that checks app by app, sharing nothing (bench/sweep/baseline.ts)
//   sluice    one sweep, and the jobs it queues run by worker loops on a real SQS FIFO (fauxqs)
// Requests are counted where they arrive: an HTTP hop in front of git and the registry, and the
// Kubernetes client's transport. Wall time is from the sweep's start until the queue is empty.
// Last line: requests of the sweep and all its jobs over the baseline's, at the largest size.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { KubeConfig } from "@kubernetes/client-node";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { IsomorphicGitRemotes } from "../../src/adapters/git/isomorphic-git-remotes.ts";
import { HttpKubeClient } from "../../src/adapters/kube/http-kube-client.ts";
import { kubeTransport, type KubeTransport } from "../../src/adapters/kube/kube-http.ts";
import { startEmbeddedGitServer } from "./git.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startWorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { silentLogger, type Logger } from "../../src/core/log/logger.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { runSweep } from "../../src/jobs/sweep/run-sweep.ts";
import { mapLimit } from "../../src/core/util/map-limit.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { syncApp } from "../../src/jobs/sync/sync-app.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import { startQueues } from "../../test/harness/fauxqs.ts";
import { git } from "../../test/harness/git-server.ts";
import { pushImage } from "../../test/harness/push-image.ts";
import { startRegistry } from "../../test/harness/registry.ts";
import { baselineCheck } from "./baseline.ts";
import { startCluster } from "../../test/harness/start-cluster.ts";
import { startCountingProxy, type CountingProxy } from "./counting-proxy.ts";
import { CHART_REPOS, configMapYaml, createFleet, IMAGE_REPOS, type Fleet } from "./fleet.ts";

const SIZES = (process.env["BENCH_SIZES"] ?? "100,1000,5000").split(",").map(Number);
const WORKER_LOOPS = Number(process.env["BENCH_WORKER_LOOPS"] ?? 4);
const BASELINE_CONCURRENCY = 16;
const INTERVAL_MS = 180_000;

interface Requests { git: number; registry: number; kube: number }
interface Row { size: number; phase: string; ms: number; requests: Requests; note: string }

const total = (r: Requests) => r.git + r.registry + r.kube;
const minus = (a: Requests, b: Requests): Requests => ({ git: a.git - b.git, registry: a.registry - b.registry, kube: a.kube - b.kube });

/** Logs nothing, counting job failures so a run that did nothing cannot pass for a fast one. */
function failureCountingLogger(): Logger & { failures: string[] } {
  const failures: string[] = [];
  return { ...silentLogger, failures, error: (message, fields) => void failures.push(`${message} ${JSON.stringify(fields)}`), warn: (message, fields) => { if (message.startsWith("job failed") || message.startsWith("message left")) failures.push(`${message} ${JSON.stringify(fields)}`); } };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "sluice-bench-sweep-"));
  const registry = await startRegistry();
  const registryProxy = await startCountingProxy(registry.url);
  const gitServer = await startEmbeddedGitServer(join(work, "git"));
  const gitProxy = await startCountingProxy(gitServer.url);
  const queues = await startQueues({ visibilityTimeoutSeconds: 300 });
  const tools = await ensureKubeTools();
  const rows: Row[] = [];
  console.log(`load before: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (2 cores); sizes ${SIZES.join(", ")}; ${CHART_REPOS} chart repos, ${IMAGE_REPOS} image repositories, ${WORKER_LOOPS} worker loops in one process`);
  try {
    for (const size of SIZES) rows.push(...await benchSize(size, { work, registry: { host: registry.host, url: registry.url, apiUrl: registryProxy.url }, registryProxy, gitRoot: join(work, "git"), gitProxy, queues, tools }));
  } finally {
    await queues.stop();
    await gitProxy.close();
    await gitServer.close();
    await registryProxy.close();
    await registry.stop();
    await rm(work, { recursive: true, force: true });
  }

  console.log("");
  console.log("| apps | phase | wall | git | registry | kubernetes | all requests | notes |");
  console.log("|---:|---|---:|---:|---:|---:|---:|---|");
  for (const r of rows) console.log(`| ${r.size.toLocaleString("en")} | ${r.phase} | ${(r.ms / 1000).toFixed(1)} s | ${r.requests.git} | ${r.requests.registry} | ${r.requests.kube} | ${total(r.requests).toLocaleString("en")} | ${r.note} |`);
  console.log(`load after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const largest = Math.max(...SIZES);
  const sluice = rows.find((r) => r.size === largest && r.phase === "sluice: sweep + jobs");
  const base = rows.find((r) => r.size === largest && r.phase === "baseline: app by app");
  if (!sluice || !base) throw new Error("no rows for the largest size");
  const within = sluice.ms <= INTERVAL_MS ? "within" : "NOT within";
  const planning = rows.find((r) => r.size === largest && r.phase === "sluice: sweep (planning)");
  const planningRatio = planning ? (total(planning.requests) / total(base.requests)).toFixed(4) : "?";
  console.log(`sweep: ${largest} apps, planning alone ${planningRatio} of the baseline's requests; sweep + jobs ${total(sluice.requests).toLocaleString("en")} requests in ${(sluice.ms / 1000).toFixed(1)} s (${within} the 3-minute interval) vs baseline app by app ${total(base.requests).toLocaleString("en")} requests in ${(base.ms / 1000).toFixed(1)} s ratio=${(total(sluice.requests) / total(base.requests)).toFixed(4)}`);
}

interface Shared {
  work: string;
  registry: { host: string; url: string; apiUrl: string };
  registryProxy: CountingProxy;
  gitRoot: string;
  gitProxy: CountingProxy;
  queues: Awaited<ReturnType<typeof startQueues>>;
  tools: Awaited<ReturnType<typeof ensureKubeTools>>;
}

async function benchSize(size: number, shared: Shared): Promise<Row[]> {
  const t0 = Date.now();
  const cluster = await startCluster();
  const rows: Row[] = [];
  try {
    const fleet = await createFleet(size, { work: shared.work, gitRoot: shared.gitRoot, gitUrl: shared.gitProxy.url, registry: shared.registry, kubeconfig: cluster.kubeconfig });
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const inner = await kubeTransport(kc, { maxSockets: 32 });
    let kubeRequests = 0;
    const counting: KubeTransport = (req) => { kubeRequests += 1; return inner(req); };
    const destination = new ClusterDestination(new HttpKubeClient(counting), { name: "bench" });
    const logger = failureCountingLogger();
    const built = await buildWorkerDeps({ config: fleet.config, env: readEnv({ SLUICE_WORK_DIR: join(shared.work, `s${size}-worker`) }), logger, secretSources: { env: {} }, tools: shared.tools });
    const worker: WorkerDeps = { ...built, destinationFor: () => destination };
    const queue = new SqsJobQueue(shared.queues.client, shared.queues.queueUrl);
    const sweep = buildSweepDeps(worker, queue);
    const requests = (): Requests => ({ git: shared.gitProxy.count, registry: shared.registryProxy.count, kube: kubeRequests });

    // Every app synced at the first commit, through the sync engine, from local clones.
    const heads = await Promise.all(fleet.repos.map(async (r) => (await git(["rev-parse", "HEAD"], r.clone)).trim()));
    const cloneByUrl = new Map(fleet.repos.map((r, c) => [r.url, { dir: r.clone, head: heads[c] ?? "" }]));
    const seeded = Date.now();
    await mapLimit(fleet.config.apps, 24, async (app) => {
      const clone = cloneByUrl.get(app.source.repo);
      if (!clone) throw new Error(`no clone of ${app.source.repo}`);
      const workspace = { dir: clone.dir, head: async () => clone.head, readFile: (path: string) => readFile(join(clone.dir, path), "utf8"), writeFile: () => Promise.reject(new Error("unused")), commit: () => Promise.reject(new Error("unused")), push: () => Promise.reject(new Error("unused")), dispose: async () => {} };
      const outcome = await syncApp(app, workspace, { trigger: "bench", deliveryId: "seed" }, worker);
      if (outcome.status !== "synced") throw new Error(`seeding ${app.name}: ${outcome.status} ${outcome.message ?? ""}`);
    });
    console.log(`s${size}: cluster and fleet ready, ${size} apps synced in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

    // An idle sweep: nothing changed. The first one of a process also reads the state.
    await runSweep(sweep);
    const beforeIdle = requests();
    const idleStart = Date.now();
    const { value: idle, peakMb } = await peakHeap(() => runSweep(sweep));
    rows.push({ size, phase: "sluice: idle sweep", ms: Date.now() - idleStart, requests: minus(requests(), beforeIdle), note: `${idle.queued.length} jobs; heap peak +${peakMb.toFixed(0)} MB over the process's` });
    if (idle.queued.length > 0) throw new Error(`idle sweep queued jobs: ${JSON.stringify(idle.jobs.slice(0, 3))}`);

    // One interval's changes, no webhook for any of them.
    const expected = await introduceChanges(fleet, shared, kc);

    // The baseline sees the same state, app by app.
    const beforeBaseline = requests();
    const baselineStart = Date.now();
    const base = await baselineCheck(fleet, { git: new IsomorphicGitRemotes(join(shared.work, `s${size}-baseline`)), destination, render: worker.render }, BASELINE_CONCURRENCY);
    rows.push({ size, phase: "baseline: app by app", ms: Date.now() - baselineStart, requests: minus(requests(), beforeBaseline), note: `finds ${base.newTag} new tags, ${base.headMoved} apps behind a moved head, ${base.drifted} drifted` });

    // Sluice: one sweep, then its jobs on worker loops until the queue is empty.
    const beforeSweep = requests();
    const sweepStart = Date.now();
    const { value: result, peakMb: planningPeakMb } = await peakHeap(() => runSweep(sweep));
    const planned = Date.now();
    const afterPlanning = requests();
    const loops = Array.from({ length: WORKER_LOOPS }, () => startWorkerLoop(shared.queues.client, shared.queues.queueUrl, (body) => processJobMessage(body, worker), logger, { waitSeconds: 1, visibilitySeconds: 300 }));
    await drained(shared.queues);
    const done = Date.now();
    await Promise.all(loops.map((l) => l.stop()));
    const byKind = (kind: string) => result.jobs.filter((j) => j.kind === kind).length;
    rows.push({ size, phase: "sluice: sweep (planning)", ms: planned - sweepStart, requests: minus(afterPlanning, beforeSweep), note: `queues ${byKind("image-update")} image updates, ${byKind("sync")} syncs, ${byKind("check")} checks; ${result.unknown.length} unknown; heap peak +${planningPeakMb.toFixed(0)} MB` });
    rows.push({ size, phase: "sluice: jobs", ms: done - planned, requests: minus(requests(), afterPlanning), note: `${result.jobs.length} jobs, ${logger.failures.length} failures` });
    rows.push({ size, phase: "sluice: sweep + jobs", ms: done - sweepStart, requests: minus(requests(), beforeSweep), note: `all changes applied: ${await verify(fleet, destination, kc, expected)}` });
    if (logger.failures.length > 0) console.log(`s${size}: job failures: ${logger.failures.slice(0, 5).join("\n")}`);
    console.log(`s${size}: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  } finally {
    await cluster.stop();
  }
  return rows;
}

interface Expected { bumped: string[]; committed: string[]; edited: string[] }

/** A new tag on image repository 0; a commit to chart repo 1 touching 1 % of the apps; hand edits of 1 % of the apps' ConfigMaps. */
async function introduceChanges(fleet: Fleet, shared: Shared, kc: KubeConfig): Promise<Expected> {
  const apps = fleet.config.apps;
  const bumped = apps.filter((_, i) => i % IMAGE_REPOS === 0).map((a) => a.name);
  await pushImage(shared.registry.url, fleet.imagePath(0), "1.1.0");

  const committed = apps.filter((_, i) => i % 100 === 1).map((a) => a.name);
  const repo = fleet.repos[1];
  if (!repo) throw new Error("no chart repo 1");
  for (const app of apps.filter((a) => committed.includes(a.name))) {
    await writeFile(join(repo.clone, "apps", app.name, "configmap.yaml"), configMapYaml(app.name, app.images[0]?.repository ?? "", "1.0.0", "warn"));
  }
  await git(["-c", "user.name=dev", "-c", "user.email=dev@example.com", "commit", "--quiet", "-am", "raise log levels"], repo.clone);
  await git(["push", "--quiet", "origin", "HEAD:main"], repo.clone);

  // Hand edits with another field manager, not counted: they are the world changing, not Sluice.
  const edited = apps.filter((_, i) => i % 100 === 2).map((a) => a.name);
  const edit = await kubeTransport(kc);
  for (const app of apps.filter((a) => edited.includes(a.name))) {
    await edit({ method: "PATCH", path: `/api/v1/namespaces/${app.destination.namespace}/configmaps/${app.name}`, query: { fieldManager: "kubectl-edit" }, body: { data: { level: "debug" } }, contentType: "application/merge-patch+json" });
  }
  return { bumped, committed, edited };
}

/** Checks the cluster and the records show every change handled; "yes", or what is missing. */
async function verify(fleet: Fleet, destination: ClusterDestination, kc: KubeConfig, expected: Expected): Promise<string> {
  const read = await kubeTransport(kc);
  const problems: string[] = [];
  const level = async (name: string): Promise<unknown> => {
    const app = fleet.config.apps.find((a) => a.name === name);
    const cm = await read({ method: "GET", path: `/api/v1/namespaces/${app?.destination.namespace ?? ""}/configmaps/${name}` }) as { data?: Record<string, string> };
    return cm.data;
  };
  for (const name of expected.bumped) if ((await level(name) as Record<string, string>)["tag"] !== "1.1.0") problems.push(`${name} not bumped`);
  for (const name of expected.committed) if ((await level(name) as Record<string, string>)["level"] !== "warn") problems.push(`${name} not synced`);
  for (const name of expected.edited) {
    const heal = Number(name.slice(4)) % 2 === 0;
    const live = (await level(name) as Record<string, string>)["level"];
    const record = await destination.readRecord(name);
    if (heal && live !== "info") problems.push(`${name} not healed`);
    if (!heal && record?.sync.status !== "OutOfSync") problems.push(`${name} drift not recorded`);
  }
  return problems.length === 0 ? `yes (${expected.bumped.length} bumped, ${expected.committed.length} synced, ${expected.edited.length} drifted)` : `NO: ${problems.slice(0, 5).join(", ")}${problems.length > 5 ? ` and ${problems.length - 5} more` : ""}`;
}

/** Runs `fn`, sampling the heap every 20 ms: its peak above where it started, in MB. */
async function peakHeap<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().heapUsed); }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return { value, peakMb: (peak - start) / 1e6 };
  } finally {
    clearInterval(timer);
  }
}

async function drained(queues: Shared["queues"]): Promise<void> {
  for (;;) {
    const out = await queues.client.send(new GetQueueAttributesCommand({ QueueUrl: queues.queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
    if (Number(out.Attributes?.["ApproximateNumberOfMessages"] ?? 0) + Number(out.Attributes?.["ApproximateNumberOfMessagesNotVisible"] ?? 0) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// `npm run bench -- sweep app-sets`: requests per sweep by app sets and generated apps (bench/sweep/app-sets.ts).
(process.argv[2] === "app-sets" ? import("./app-sets.ts").then((m) => m.appSetsBench()) : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
