// npm run bench -- writeback [--runs N] [--bumps N] [--workers N]
// 50 image bumps arriving together for 50 apps in one chart repo on the real git server
// (git http-backend) with a real registry (docker-registry): Sluice's time until all 50 are
// pushed, and its commit count, against a baseline in the same run: for each bump in turn,
// `git clone --depth 1`, edit, `git commit`, `git push` with the git CLI. Sluice's jobs go
// through the worker's own path: registry tag list, policy, byte-exact edit, coalesced
// commits, push (re-applied on lost races), then a cheap sync (a folder destination). The
// jobs are split into FIFO batches of 10 run by concurrent workers, as Lambda runs them: all in
// the branch's one write group, so a group's batches run in turn and each batch's bumps share a commit.
// Last line: ratio=<Sluice time to all pushed / baseline time>.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { BranchCommitter } from "../../src/adapters/git/branch-committer.ts";
import type { BranchEditors } from "../../src/adapters/git/branch-editor.ts";
import { IsomorphicGitRemotes } from "../../src/adapters/git/isomorphic-git-remotes.ts";
import { startGitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { readEnv } from "../../src/runtime/wiring/read-env.ts";
import { buildWorkerDeps } from "../../src/runtime/wiring/worker-deps.ts";
import { processFifoBatch } from "../../src/jobs/worker/process-fifo-batch.ts";
import { jobLane } from "../../src/jobs/worker/job-lane.ts";
import { branchWriteGroupId } from "../../src/core/queue/deduplication-id.ts";
import { processJobMessage } from "../../src/jobs/worker/process-job-message.ts";
import { commitMessage } from "../../src/engine/writeback/commit-message.ts";
import { createBareRepo, gitLog, readFileAtHead } from "../../test/harness/git-server.ts";
import { pushImage } from "../../test/harness/push-image.ts";
import { startRegistry } from "../../test/harness/registry.ts";

const run = promisify(execFile);
const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg("runs", 3);
const BUMPS = arg("bumps", 50);
const WORKERS = arg("workers", 5);
const GIT_ENV = { ...process.env, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null", GIT_AUTHOR_NAME: "baseline", GIT_AUTHOR_EMAIL: "b@example.com", GIT_COMMITTER_NAME: "baseline", GIT_COMMITTER_EMAIL: "b@example.com", GIT_TERMINAL_PROMPT: "0" };

/** A chart's values file as people keep them: comments, blank lines, quoting. */
const values = (n: number, registry: string, tag: string) => `# Values for app-${n}; image.tag is written by Sluice.
replicaCount: 2

image:
  repository: ${registry}/team/app-${n}   # pushed by CI
  tag: "${tag}"
  pullPolicy: IfNotPresent

resources:
  limits: { cpu: 500m, memory: 256Mi }
`;

const work = await mkdtemp(join(tmpdir(), "sluice-bench-writeback-"));
const registry = await startRegistry();
const gitServer = await startGitHttpServer({ root: join(work, "git") });
const tools = await ensureKubeTools();

async function seedRepo(name: string): Promise<string> {
  const files: Record<string, string> = {};
  for (let n = 0; n < BUMPS; n++) {
    files[`charts/app-${n}/values.yaml`] = values(n, registry.host, "1.0.0");
    files[`apps/app-${n}/configmap.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: app-${n} }\n`;
  }
  await createBareRepo(join(work, "git"), name, files);
  return join(work, "git", name);
}

/** Sluice: BUMPS jobs in FIFO batches of 10 over WORKERS concurrent workers; the time the last push landed. */
async function sluice(repo: string): Promise<{ pushedMs: number; doneMs: number; commits: number; pushes: number }> {
  const apps = Array.from({ length: BUMPS }, (_, n) => `
  - name: app-${n}
    source: { repo: ${gitServer.url}/${repo}, branch: main, path: apps/app-${n} }
    render: { directory: {} }
    destination: { directory: ${join(work, "out", repo, `app-${n}`)}, namespace: app-${n} }
    images:
      - repository: ${registry.host}/team/app-${n}
        policy: { semver: ">=1.0.0" }
        write: { file: charts/app-${n}/values.yaml, tag: image.tag }
    syncPolicy: { automated: true }`).join("");
  const config = parseConfig(`registries: [{ host: ${registry.host} }]\napps:${apps}\n`, join(work, "sluice.yaml"));
  let lastPush = 0;
  let pushes = 0;
  const workers = await Promise.all(Array.from({ length: WORKERS }, async () => {
    const deps = await buildWorkerDeps({ config, env: readEnv({ SLUICE_WORK_DIR: work, SLUICE_PUSH_ATTEMPTS: "30" }), logger: silentLogger, secretSources: { env: {} }, tools });
    // Record when each push lands: a decorator on the committer's git port, nothing else changes.
    const remotes = new IsomorphicGitRemotes(join(work, "sluice-work"));
    const git: BranchEditors = {
      edit: async (url, branch, auth) => {
        const editor = await remotes.edit(url, branch, auth);
        return Object.assign(Object.create(editor) as typeof editor, {
          push: async (remote?: string) => {
            pushes += 1;
            await editor.push(remote);
            lastPush = performance.now();
          },
        });
      },
    };
    deps.commits = new BranchCommitter({ git, author: config.git.author, message: (a) => commitMessage(config.git.commit, a), maxPushAttempts: 30, gatherMs: 25, sleep: deps.sleep, logger: silentLogger });
    return deps;
  }));
  // As intake queues them: one FIFO group per chart repo branch (one writer per branch).
  const groupId = branchWriteGroupId(`${gitServer.url}/${repo}`, "main");
  const messages = Array.from({ length: BUMPS }, (_, n) => ({ id: `m${n}`, groupId, body: JSON.stringify({ kind: "image-update", app: `app-${n}`, repository: `${registry.host}/team/app-${n}`, tag: "1.1.0", deliveryId: `bench-${n}` }) }));
  const batches = Array.from({ length: Math.ceil(BUMPS / 10) }, (_, b) => messages.slice(b * 10, b * 10 + 10));
  const before = (await gitLog(join(work, "git", repo), "main", 1000)).length;
  const start = performance.now();
  let next = 0;
  const failed: string[] = [];
  // SQS FIFO hands out a group's next batch only once its last one is done: a group's batches run in turn.
  const inFlight = new Map<string, Promise<unknown>>();
  await Promise.all(workers.map(async (deps) => {
    for (let b = next++; b < batches.length; b = next++) {
      const batch = batches[b] ?? [];
      const group = batch[0]?.groupId ?? "";
      const run = (inFlight.get(group) ?? Promise.resolve()).then(() => processFifoBatch(batch, (m) => processJobMessage(m.body, deps), jobLane));
      inFlight.set(group, run.catch(() => undefined));
      failed.push(...await run);
    }
  }));
  const doneMs = performance.now() - start;
  if (failed.length) throw new Error(`Sluice left ${failed.length} jobs for redelivery`);
  return { pushedMs: lastPush - start, doneMs, commits: (await gitLog(join(work, "git", repo), "main", 1000)).length - before, pushes };
}

/** The baseline: one clone, edit, commit and push per bump, one after another, with the git CLI. */
async function baseline(repo: string): Promise<{ ms: number; commits: number }> {
  const start = performance.now();
  for (let n = 0; n < BUMPS; n++) {
    const dir = await mkdtemp(join(work, "clone-"));
    await run("git", ["clone", "--quiet", "--depth", "1", "--branch", "main", `${gitServer.url}/${repo}`, dir], { env: GIT_ENV });
    const file = join(dir, "charts", `app-${n}`, "values.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace('tag: "1.0.0"', 'tag: "1.1.0"'));
    await run("git", ["commit", "--quiet", "-am", `bump app-${n} to 1.1.0`], { cwd: dir, env: GIT_ENV });
    await run("git", ["push", "--quiet", "origin", "main"], { cwd: dir, env: GIT_ENV });
    await rm(dir, { recursive: true, force: true });
  }
  return { ms: performance.now() - start, commits: BUMPS };
}

async function verify(repo: string): Promise<void> {
  const bare = join(work, "git", repo);
  for (let n = 0; n < BUMPS; n++) {
    const text = await readFileAtHead(bare, `charts/app-${n}/values.yaml`);
    if (text !== values(n, registry.host, "1.1.0")) throw new Error(`${repo}: app-${n} does not hold exactly the new tag`);
  }
  if ((await gitLog(bare, "main", 1000)).some((c) => c.parents.length > 1)) throw new Error(`${repo}: history is not linear`);
}

try {
  for (let n = 0; n < BUMPS; n++) for (const tag of ["1.0.0", "1.1.0"]) await pushImage(registry.url, `team/app-${n}`, tag);
  const results: { sluice: Awaited<ReturnType<typeof sluice>>; baseline: Awaited<ReturnType<typeof baseline>> }[] = [];
  for (let r = 0; r < RUNS; r++) {
    const a = await seedRepo(`sluice-${r}.git`);
    const b = await seedRepo(`baseline-${r}.git`);
    // Alternate the order so neither side always runs on a warmer machine.
    const s = r % 2 === 0 ? await sluice(`sluice-${r}.git`) : undefined;
    const base = await baseline(`baseline-${r}.git`);
    const s2 = s ?? await sluice(`sluice-${r}.git`);
    await verify(`sluice-${r}.git`);
    await verify(`baseline-${r}.git`);
    void a;
    void b;
    results.push({ sluice: s2, baseline: base });
    console.log(`run ${r + 1}: sluice ${BUMPS} pushed in ${s2.pushedMs.toFixed(0)} ms (all synced ${s2.doneMs.toFixed(0)} ms), ${s2.commits} commits from ${s2.pushes} pushes; baseline ${base.ms.toFixed(0)} ms, ${base.commits} commits`);
  }
  const median = (xs: number[]): number => xs.slice().sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
  const sluiceMs = median(results.map((r) => r.sluice.pushedMs));
  const baseMs = median(results.map((r) => r.baseline.ms));
  const commits = median(results.map((r) => r.sluice.commits));
  console.log(`writeback: ${BUMPS} bumps for ${BUMPS} apps in one repo, ${WORKERS} workers, median of ${RUNS}: sluice all pushed in ${sluiceMs.toFixed(0)} ms with ${commits} commits; baseline git CLI clone+edit+commit+push per bump ${baseMs.toFixed(0)} ms with ${BUMPS} commits; ratio=${(sluiceMs / baseMs).toFixed(3)}`);
} finally {
  await gitServer.close();
  await registry.stop();
  await rm(work, { recursive: true, force: true });
}
