// npm run bench -- webhook
// In-process throughput and p50/p99 latency of handleWebhook for a signed GitHub push that
// queues one job, against the floor in the same run: HMAC-SHA256 verification plus
// JSON.parse of the same body. The index holds 20 inline apps on the pushed branch and
// BENCH_GENERATED (default 1000) review apps an app set generates from the branches of the
// team's monorepo, each deploying its own branch of the pushed chart repo and tracking its
// own image repository. Then the minified bundle of handlers/webhook.ts (size, what it
// contains) and its cold import time. Last line: ratio=<Sluice/baseline mean latency>.
import { spawnSync } from "node:child_process";
import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { handleWebhook, type IntakeDeps } from "../../src/jobs/intake/handle-webhook.ts";
import type { WebhookRequest } from "../../src/adapters/webhooks/webhook-request.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import type { QueuedJob } from "../../src/core/queue/job.ts";
import type { JobQueue } from "../../src/core/queue/job-queue.ts";
import { GitAppIndex } from "../../src/jobs/apps/git-app-index.ts";
import type { GitRemotes } from "../../src/adapters/git/git-workspace.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SECRET = "bench-secret-0123456789abcdef";
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 5);
const PER_ROUND = Number(process.env["BENCH_N"] ?? 4000);
const GENERATED = Number(process.env["BENCH_GENERATED"] ?? 1000);

/** The project's own queue port, resolving at once: the benchmark measures intake, not SQS. */
class CountingQueue implements JobQueue {
  count = 0;
  async enqueue(jobs: readonly QueuedJob[]): Promise<void> {
    this.count += jobs.length;
  }
}

// GitHub's documented push, as an ordinary push that changed one app's values file.
const push = JSON.parse(readFileSync(join(root, "test/fixtures/webhooks/github/push-new-branch.json"), "utf8")) as Record<string, unknown> & { commits: Record<string, unknown>[] };
Object.assign(push, { created: false, before: "4ba1ea35d2d5f5b7d1a5b0f7f0f1e3c2a9a8b7c6" });
Object.assign(push.commits[0] ?? {}, { added: [], modified: ["charts/web/values.yaml"], removed: [] });
const body = Buffer.from(JSON.stringify(push));
const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
const request: WebhookRequest = {
  method: "POST",
  path: "/hooks/git/github",
  headers: { "content-type": "application/json", "x-github-event": "push", "x-github-delivery": "bench-delivery", "x-hub-signature-256": signature },
  body,
};

const queue = new CountingQueue();
const apps = Array.from({ length: 20 }, (_, i) => `
  - name: app-${i}
    source: { repo: https://github.com/Codertocat/Hello-World.git, branch: master, path: charts/${i === 0 ? "web" : `other-${i}`} }
    render: { helm: {} }
    destination: { directory: /tmp/bench/app-${i}, namespace: app-${i} }`).join("");
// Review apps: one per feature branch of the monorepo, as the branches generator lists them.
const MONOREPO = "https://github.com/Codertocat/web-monorepo.git";
const reviewApps = `
appSets:
  - name: review
    generators: [{ branches: { repo: ${MONOREPO}, include: "feature/*" } }]
    template:
      name: web1-{{branchSlug}}
      source: { repo: https://github.com/Codertocat/Hello-World.git, branch: "{{branch}}", path: charts/web }
      render: { helm: {} }
      destination: { directory: "/tmp/bench/web1-{{branchSlug}}", namespace: "web1-{{branchSlug}}" }
      images:
        - repository: "registry.example.com/fe/apps/web1/{{branchSlug}}"
          policy: { newestPushed: {} }
          write: { file: charts/web/values.yaml, tag: image.tag }`;
const config = parseConfig(`webhooks:\n  github: { secrets: [{ env: GITHUB_SECRET }] }\napps:${apps}\n${reviewApps}\n`, "bench.yaml");
const branches = Array.from({ length: GENERATED }, (_, i) => ({ name: `feature/change-${i}`, sha: (i + 1).toString(16).padStart(40, "0") }));
const noGit: GitRemotes = {
  checkout: () => Promise.reject(new Error("the bench reads no app source")),
  headOf: () => Promise.reject(new Error("the bench reads no app source")),
};
const secrets = new SecretResolver({ env: { GITHUB_SECRET: SECRET } });
const index = new GitAppIndex({
  config, git: noGit, secrets, logger: silentLogger, now: () => 0, maxAgeMs: Number.POSITIVE_INFINITY,
  listBranches: (url) => (url === MONOREPO ? Promise.resolve(branches) : Promise.reject(new Error(`no branches listed for ${url}`))),
});
const read = await index.refresh();
const generated = read.entries.filter((e) => e.appSet === "review").length;
if (generated !== GENERATED || read.problems.length > 0) {
  throw new Error(`the index holds ${generated} generated apps, not ${GENERATED}: ${JSON.stringify(read.problems.slice(0, 3))}`);
}
const deps: IntakeDeps = { config, secrets, queue, logger: silentLogger, apps: index };

async function sluice(): Promise<void> {
  const response = await handleWebhook(request, deps);
  if (response.status !== 202) throw new Error(`handleWebhook answered ${response.status}: ${JSON.stringify(response.body)}`);
}

/** The floor: what any correct receiver must do with this body. */
async function baseline(): Promise<void> {
  const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error("signature mismatch");
  JSON.parse(body.toString("utf8"));
}

async function sample(fn: () => Promise<void>, n: number): Promise<{ latencies: number[]; elapsed: number; cpu: number }> {
  const latencies = new Array<number>(n);
  const start = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    latencies[i] = performance.now() - t;
  }
  const used = process.cpuUsage(cpu);
  // CPU time (ms) as well as wall time: on a shared machine, time spent waiting for a core is not the delivery's cost.
  return { latencies, elapsed: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const us = (ms: number): string => `${(ms * 1000).toFixed(1)} µs`;

async function measure(): Promise<{ name: string; p50: number; p99: number; opsPerSec: number; mean: number; cpuMean: number }[]> {
  await sample(sluice, 2000);
  await sample(baseline, 2000);
  const all = { sluice: [] as number[], baseline: [] as number[] };
  const time = { sluice: 0, baseline: 0 };
  const cpuTime = { sluice: 0, baseline: 0 };
  // Alternate rounds so drift (GC, CPU frequency) falls on both alike.
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, fn] of [["sluice", sluice], ["baseline", baseline]] as const) {
      const { latencies, elapsed, cpu } = await sample(fn, PER_ROUND);
      all[name].push(...latencies);
      time[name] += elapsed;
      cpuTime[name] += cpu;
    }
  }
  return (["sluice", "baseline"] as const).map((name) => {
    const sorted = [...all[name]].sort((a, b) => a - b);
    return { name, p50: pct(sorted, 50), p99: pct(sorted, 99), opsPerSec: (all[name].length / time[name]) * 1000, mean: time[name] / all[name].length, cpuMean: cpuTime[name] / all[name].length };
  });
}

async function bundle(): Promise<{ bytes: number; hasKubernetesClient: boolean; coldImportMs: number[]; file: string }> {
  const outdir = join(root, "node_modules", ".cache", "sluice-bench");
  mkdirSync(outdir, { recursive: true });
  const file = join(outdir, "webhook.mjs");
  const result = await build({
    // The target serverless-esbuild takes from serverless.yml's runtime (nodejs24.x).
    entryPoints: [join(root, "handlers/webhook.ts")], bundle: true, minify: true, platform: "node", target: "node24", format: "esm",
    external: ["@aws-sdk/*"], outfile: file, metafile: true, logLevel: "silent",
    // Bundled CommonJS dependencies call require(); ESM output needs one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  const inputs = Object.keys(result.metafile.inputs);
  const configFile = join(outdir, "sluice.yaml");
  writeFileSync(configFile, "webhooks:\n  github: { secrets: [{ env: GITHUB_SECRET }] }\napps: []\n");
  const probe = join(outdir, "probe.mjs");
  writeFileSync(probe, `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);\n`);
  const coldImportMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const run = spawnSync(process.execPath, [probe], {
      encoding: "utf8",
      env: { PATH: process.env["PATH"] ?? "", SLUICE_CONFIG: configFile, SLUICE_QUEUE_URL: "http://127.0.0.1:9/000000000000/sluice-jobs.fifo", AWS_REGION: "us-east-1", GITHUB_SECRET: SECRET },
    });
    if (run.status !== 0) throw new Error(`importing the bundle failed: ${run.stderr}`);
    coldImportMs.push(Number(run.stdout.trim()));
  }
  return { bytes: readFileSync(file).byteLength, hasKubernetesClient: inputs.some((i) => i.includes("@kubernetes/client-node")), coldImportMs: coldImportMs.sort((a, b) => a - b), file };
}

const results = await measure();
for (const r of results) {
  console.log(`${r.name.padEnd(8)} ${Math.round(r.opsPerSec).toLocaleString("en")} ops/s  p50 ${us(r.p50)}  p99 ${us(r.p99)}  mean ${us(r.mean)}`);
}
console.log(`jobs queued by the Sluice runs: ${queue.count} (one per delivery); index: ${read.entries.length} apps, ${generated} generated`);
const b = await bundle();
console.log(`bundle handlers/webhook.ts (esbuild --bundle --minify --platform=node --target=node24 --format=esm --external:@aws-sdk/*): ${(b.bytes / 1024).toFixed(1)} KiB, @kubernetes/client-node ${b.hasKubernetesClient ? "INCLUDED" : "not included"}`);
console.log(`cold import of the bundle (fresh node, AWS SDK from node_modules): median ${b.coldImportMs[2]?.toFixed(1)} ms, min ${b.coldImportMs[0]?.toFixed(1)} ms, max ${b.coldImportMs[4]?.toFixed(1)} ms`);
const [s, base] = results;
if (!s || !base) throw new Error("no results");
console.log(`CPU time per delivery: sluice ${us(s.cpuMean)} vs baseline ${us(base.cpuMean)} (${(s.cpuMean / base.cpuMean).toFixed(2)}x); p50 ratio ${(s.p50 / base.p50).toFixed(2)}`);
console.log(`webhook: sluice p50=${us(s.p50)} p99=${us(s.p99)} ${Math.round(s.opsPerSec)} ops/s vs HMAC+JSON.parse p50=${us(base.p50)} ${Math.round(base.opsPerSec)} ops/s ratio=${(s.mean / base.mean).toFixed(2)}`);
