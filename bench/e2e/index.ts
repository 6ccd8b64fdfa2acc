// npm run bench -- e2e
// A registry push to the Deployment updated and Available on a real kube-apiserver whose Pods
// kwok's simulated nodes run (test/harness/k8s.sh), over BENCH_PUSHES pushes (100), in the same run:
//   sluice    docker-registry's notification -> webhook server -> SQS FIFO (fauxqs) -> worker:
//             tag chosen, values file committed and pushed to git http-backend, helm template,
//             server-side apply
//   baseline  a CI script started when the push is done (bench/e2e/ci-baseline.ts): git clone,
//             sed, commit, push, helm template, kubectl apply --server-side, kubectl rollout status
// Each push is timed from its start until the Deployment runs the new image on every replica and
// is Available, by the same 20 ms poll of the API server for both; pushes alternate who goes first.
// Each waits for the other's work to end, so no push queues behind another.
// Last line: p50 and p99 of each, ratio=<Sluice p50 / baseline p50> (lower is better).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { kubeTransport } from "../../src/adapters/kube/kube-http.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import { startGitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { pushImage } from "../../test/harness/push-image.ts";
import { freePort, startRegistry } from "../../test/harness/registry.ts";
import { startQueues } from "../../test/harness/fauxqs.ts";
import { startCluster } from "../../test/harness/start-cluster.ts";
import { ciDeploy } from "./ci-baseline.ts";
import { timeToRollout } from "./rollout.ts";
import { seedRepos, startSluice, TOKEN } from "./sluice.ts";

const PUSHES = Number(process.env["BENCH_PUSHES"] ?? 100);

/** Nearest-rank percentile. */
const percentile = (xs: readonly number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "sluice-bench-e2e-"));
  const cluster = await startCluster();
  const tools = await ensureKubeTools();
  const queues = await startQueues();
  const webhookPort = await freePort();
  const registry = await startRegistry({ notifyUrl: `http://127.0.0.1:${webhookPort}/hooks/registry/distribution`, authorization: `Bearer ${TOKEN}` });
  const gitRoot = join(work, "git");
  await seedRepos(gitRoot, registry.host);
  const gitServer = await startGitHttpServer({ root: gitRoot });
  const sluice = await startSluice({ work, registry, gitUrl: gitServer.url, kubeconfig: cluster.kubeconfig, queues, webhookPort, tools });
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  const kube = await kubeTransport(kc, { maxSockets: 2 });
  const ci = { repoUrl: `${gitServer.url}/ci.git`, namespace: "e2e-ci", kubeconfig: cluster.kubeconfig, tools };
  const times = { sluice: [] as number[], ci: [] as number[] };

  const viaSluice = async (tag: string): Promise<number> => {
    const start = performance.now();
    await pushImage(registry.url, "team/app", tag);
    const ms = await timeToRollout(kube, { namespace: "e2e-sluice", name: "web", image: `${registry.host}/team/app:${tag}` }, start);
    await sluice.idle();
    return ms;
  };
  const viaCi = async (tag: string): Promise<number> => {
    const start = performance.now();
    await pushImage(registry.url, "team/ci-app", tag);
    const [ms] = await Promise.all([timeToRollout(kube, { namespace: "e2e-ci", name: "web", image: `${registry.host}/team/ci-app:${tag}` }, start), ciDeploy(ci, tag)]);
    return ms;
  };
  try {
    await kube({ method: "POST", path: "/api/v1/namespaces", body: { apiVersion: "v1", kind: "Namespace", metadata: { name: "e2e-ci" } } });
    // Not counted: the first deploy of each creates the namespace and Deployment, and warms caches.
    await viaSluice("1.0.1");
    await viaCi("1.0.1");
    for (let i = 0; i < PUSHES; i++) {
      const tag = `1.0.${i + 2}`;
      const order = i % 2 === 0 ? [viaSluice, viaCi] : [viaCi, viaSluice];
      for (const go of order) (go === viaSluice ? times.sluice : times.ci).push(await go(tag));
      if ((i + 1) % 10 === 0) console.log(`${i + 1} pushes: sluice p50 ${percentile(times.sluice, 50).toFixed(0)} ms, CI script p50 ${percentile(times.ci, 50).toFixed(0)} ms`);
    }
    if (sluice.failures.length > 0) throw new Error(`Sluice jobs failed: ${sluice.failures.slice(0, 3).join("; ")}`);
  } finally {
    await sluice.stop();
    await gitServer.close();
    await registry.stop();
    await queues.stop();
    await cluster.stop();
    await rm(work, { recursive: true, force: true });
  }
  const row = (xs: number[]) => `p50=${percentile(xs, 50).toFixed(0)}ms p99=${percentile(xs, 99).toFixed(0)}ms`;
  console.log(`kube ${cluster.version}, ${PUSHES} pushes each, kwok nodes; sluice [${times.sluice.map((x) => x.toFixed(0)).join(",")}]`);
  console.log(`CI script [${times.ci.map((x) => x.toFixed(0)).join(",")}]`);
  console.log(`e2e: registry push to Deployment updated and Available, ${PUSHES} pushes: sluice ${row(times.sluice)}, CI script ${row(times.ci)} ratio=${(percentile(times.sluice, 50) / percentile(times.ci, 50)).toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
