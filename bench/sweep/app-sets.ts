// npm run bench -- sweep app-sets
// How a sweep's requests grow with app sets and the apps they generate. For each shape in
// BENCH_APPSETS (sets x generated apps, default 1x10, 10x100, 100x1000, 1x1000): a fresh
// kube-apiserver, 4 chart repos on a real git server (git http-backend), app sets each with a
// branches generator over one of them (`s<k>/*`), one review app per matching branch, following
// its own branch (BENCH_APPSETS_BRANCH=main: all follow main), in its own namespace. Every app
// is synced and in the ledger first; then the requests of an idle sweep, and of a sweep after one
// branch was pushed with no webhook (it must queue that one app's sync). Requests are counted where they arrive: an HTTP hop in front of
// git, the Kubernetes client's transport. The generated apps track no image (a registry's
// requests grow with image repositories, as bench/sweep's main run shows). The floor it is held
// to: a poller app by app, one ref query and one record read per generated app. Last line:
// ratio=<idle sweep requests / that floor> at the last shape.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { configSchema } from "../../src/core/config/app-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { mapLimit } from "../../src/core/util/map-limit.ts";
import { HttpKubeClient } from "../../src/adapters/kube/http-kube-client.ts";
import { kubeTransport, type KubeTransport } from "../../src/adapters/kube/kube-http.ts";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { ConfigMapAppLedger } from "../../src/jobs/apps/configmap-app-ledger.ts";
import { syncApp } from "../../src/jobs/sync/sync-app.ts";
import { runSweep } from "../../src/jobs/sweep/run-sweep.ts";
import type { WorkerDeps } from "../../src/jobs/deps/worker-deps.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildSweepDeps, buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { createBareRepo, git } from "../../test/harness/git-server.ts";
import { startCluster } from "../../test/harness/start-cluster.ts";
import { startCountingProxy, type CountingProxy } from "./counting-proxy.ts";
import { startEmbeddedGitServer } from "./git.ts";

const REPOS = 4;
// The branch each generated app follows: its own (review apps deploying their branch), or BENCH_APPSETS_BRANCH=main.
const FOLLOW = process.env["BENCH_APPSETS_BRANCH"] ?? "{{branch}}";
const SHAPES = (process.env["BENCH_APPSETS"] ?? "1x10,10x100,100x1000,1x1000").split(",").map((s) => s.split("x").map(Number) as [number, number]);

interface Row { sets: number; apps: number; phase: string; git: number; kube: number; ms: number; note: string }

async function shape(sets: number, apps: number, work: string, gitProxy: CountingProxy, tools: Awaited<ReturnType<typeof ensureKubeTools>>): Promise<Row[]> {
  const prefix = `a${sets}x${apps}`;
  const cluster = await startCluster();
  try {
    const repos: { bare: string; url: string }[] = [];
    for (let r = 0; r < REPOS; r++) {
      const name = `${prefix}-charts-${r}.git`;
      await createBareRepo(join(work, "git"), name, { "apps/web/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  level: info\n" });
      repos.push({ bare: join(work, "git", name), url: `${gitProxy.url}/${name}` });
    }
    // apps/sets branches per set, all at main's commit, each set over repo (set % REPOS).
    const perSet = Math.ceil(apps / sets);
    for (let s = 0; s < sets; s++) {
      const repo = repos[s % REPOS];
      if (!repo) throw new Error("no repo");
      const head = (await git(["rev-parse", "main"], repo.bare)).trim();
      const refs = Array.from({ length: Math.min(perSet, apps - s * perSet) }, (_, b) => `create refs/heads/s${s}/b${b} ${head}\n`).join("");
      await gitStdin(["update-ref", "--stdin"], repo.bare, refs);
    }
    const config = configSchema.parse({
      clusters: [{ name: "bench", kubeconfig: { path: cluster.kubeconfig } }],
      appSets: Array.from({ length: sets }, (_, s) => ({
        name: `set-${s}`,
        generators: [{ branches: { repo: repos[s % REPOS]?.url, include: `s${s}/*` } }],
        template: {
          name: "g-{{branchSlug}}", source: { repo: repos[s % REPOS]?.url, branch: FOLLOW, path: "apps/web" }, render: { directory: {} },
          destination: { cluster: "bench", namespace: "g-{{branchSlug}}" }, syncPolicy: { automated: true, createNamespace: true, healthTimeoutSeconds: 0 },
        },
      })),
    });
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfig);
    const inner = await kubeTransport(kc, { maxSockets: 32 });
    let kube = 0;
    const counting: KubeTransport = (req) => { kube += 1; return inner(req); };
    const client = new HttpKubeClient(counting);
    const destination = new ClusterDestination(client, { name: "bench" });
    const built = await buildWorkerDeps({
      config, env: readEnv({ SLUICE_WORK_DIR: join(work, `${prefix}-worker`) }), logger: silentLogger, secretSources: { env: {} }, tools,
      ledger: new ConfigMapAppLedger(async () => client),
    });
    const jobs: QueuedJob[] = [];
    const worker: WorkerDeps = { ...built, destinationFor: () => destination };
    const sweep = buildSweepDeps(worker, { enqueue: async (queued) => void jobs.push(...queued) });

    await seed(worker, prefix, work);
    await runSweep(sweep);
    const rows: Row[] = [];
    const measure = async (phase: string, check: (queued: QueuedJob[]) => string): Promise<void> => {
      jobs.length = 0;
      const [g, k, t] = [gitProxy.count, kube, Date.now()];
      await runSweep(sweep);
      rows.push({ sets, apps, phase, git: gitProxy.count - g, kube: kube - k, ms: Date.now() - t, note: check(jobs) });
    };
    await measure("idle sweep", (queued) => {
      if (queued.length > 0) throw new Error(`${prefix}: the idle sweep queued ${queued.length} jobs`);
      return "0 jobs";
    });
    const repo0 = repos[0];
    if (!repo0) throw new Error("no repo");
    await git(["update-ref", "refs/heads/s0/missed", (await git(["rev-parse", "main"], repo0.bare)).trim()], repo0.bare);
    await measure("sweep after an unannounced branch push", (queued) => {
      const names = queued.map((q) => q.job.app);
      if (names.join() !== "g-s0-missed") throw new Error(`${prefix}: expected one sync of g-s0-missed, queued ${names.join(", ") || "nothing"}`);
      return "queues g-s0-missed's sync";
    });
    return rows;
  } finally {
    await cluster.stop();
  }
}

/** Every generated app in the ledger and synced at its branch head, from a local clone, as if the worker had brought it up. */
async function seed(worker: WorkerDeps, prefix: string, work: string): Promise<void> {
  const index = await worker.appIndex({ fresh: true });
  if (index.problems.length > 0) throw new Error(`${prefix}: ${JSON.stringify(index.problems.slice(0, 3))}`);
  const clones = new Map<string, { dir: string; head: string }>();
  for (const { app } of index.entries) {
    if (clones.has(app.source.repo)) continue;
    const dir = join(work, `${prefix}-clone-${clones.size}`);
    await git(["clone", "--quiet", app.source.repo, dir]);
    clones.set(app.source.repo, { dir, head: (await git(["rev-parse", "HEAD"], dir)).trim() });
  }
  await mapLimit([...index.entries], 24, async (entry) => {
    const { app } = entry;
    const clone = clones.get(app.source.repo);
    if (!clone || !entry.appSet || !entry.generated) throw new Error(`${app.name}: not a generated app of a cloned repo`);
    await worker.ledger?.put({ app: app.name, appSet: entry.appSet, definition: entry.generated.definition, deletionPolicy: entry.generated.deletionPolicy, createdAt: new Date().toISOString() });
    const workspace = {
      dir: clone.dir, head: async () => clone.head, readFile: (path: string) => readFile(join(clone.dir, path), "utf8"),
      writeFile: () => Promise.reject(new Error("unused")), commit: () => Promise.reject(new Error("unused")), push: () => Promise.reject(new Error("unused")), dispose: async () => {},
    };
    const outcome = await syncApp(app, workspace, { trigger: "bench", deliveryId: "seed" }, worker);
    if (outcome.status !== "synced") throw new Error(`seeding ${app.name}: ${outcome.status} ${outcome.message ?? ""}`);
  });
}

function gitStdin(args: string[], cwd: string, input: string): Promise<void> {
  return import("node:child_process").then(({ spawn }) => new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: ["pipe", "ignore", "inherit"] });
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolve() : reject(new Error(`git ${args.join(" ")} exited ${code}`))));
    child.stdin.end(input);
  }));
}

export async function appSetsBench(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "sluice-bench-appsets-"));
  const server = await startEmbeddedGitServer(join(work, "git"));
  const gitProxy = await startCountingProxy(server.url);
  const tools = await ensureKubeTools();
  const rows: Row[] = [];
  try {
    for (const [sets, apps] of SHAPES) {
      rows.push(...await shape(sets, apps, work, gitProxy, tools));
      console.log(`${sets} app sets x ${apps} apps done`);
    }
  } finally {
    await gitProxy.close();
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
  console.log("\n| app sets | generated apps | sweep | git | kubernetes | all requests | wall | notes |\n|---:|---:|---|---:|---:|---:|---:|---|");
  for (const r of rows) console.log(`| ${r.sets} | ${r.apps} | ${r.phase} | ${r.git} | ${r.kube} | ${r.git + r.kube} | ${(r.ms / 1000).toFixed(1)} s | ${r.note} |`);
  const idle = rows.filter((r) => r.phase === "idle sweep");
  const [first, last] = [idle[0], idle[idle.length - 1]];
  if (!first || !last) throw new Error("no rows");
  const floor = 2 * last.apps;
  console.log(`sweep app-sets: idle sweep ${first.git + first.kube} requests at ${first.sets}x${first.apps}, ${last.git + last.kube} at ${last.sets}x${last.apps}; `
    + `app by app at least ${floor} ratio=${((last.git + last.kube) / floor).toFixed(4)}`);
}
