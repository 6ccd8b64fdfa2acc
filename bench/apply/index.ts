// npm run bench -- apply
// An app of 200 objects (50 each of Deployment, Service, ConfigMap, ServiceAccount) on a real
// Kubernetes control plane with simulated nodes, started for the run (test/harness/k8s.sh). Three
// phases, each measured for Sluice's sync engine and for kubectl on the same manifests in the
// same run, in fresh namespaces per round, alternating who goes first:
//   first apply   ClusterDestination.sync            vs kubectl apply --server-side
//   re-apply      the same again, nothing changed     vs kubectl apply --server-side again
//   drift check   ClusterDestination.diff             vs kubectl diff --server-side
// Each Sluice operation uses a new client, as one worker job does: a TLS connection and
// discovery included. kubectl keeps its discovery cache on disk between runs.
// Last line: the three median ratios and ratio=<geometric mean of the three> (lower is better).
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { KubeConfig } from "@kubernetes/client-node";
import { toYaml } from "../../src/adapters/yaml/to-yaml.ts";
import { configSchema, type AppConfig } from "../../src/core/config/app-config.ts";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { ensureKubeTools } from "../../src/runtime/local/kube-tools.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { startCluster } from "../../test/harness/start-cluster.ts";

const execFileAsync = promisify(execFile);
const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 3);
const PER_KIND = Number(process.env["BENCH_PER_KIND"] ?? 50);

function manifests(): Manifest[] {
  const out: Manifest[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    const name = `svc-${String(i).padStart(3, "0")}`;
    out.push(
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name } },
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { "app.properties": `name=${name}\nlevel=info\n`, index: String(i) } },
      { apiVersion: "v1", kind: "Service", metadata: { name, labels: { app: name } }, spec: { selector: { app: name }, ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] } },
      {
        apiVersion: "apps/v1", kind: "Deployment", metadata: { name, labels: { app: name } },
        spec: {
          replicas: 1, selector: { matchLabels: { app: name } },
          template: {
            metadata: { labels: { app: name } },
            spec: { serviceAccountName: name, containers: [{ name: "app", image: `registry.invalid/shop/${name}:1.0.0`, ports: [{ containerPort: 8080, protocol: "TCP" }], envFrom: [{ configMapRef: { name } }] }] },
          },
        },
      },
    );
  }
  return out;
}


function appIn(namespace: string): AppConfig {
  const app = configSchema.parse({ apps: [{ name: "bench", source: { repo: "https://git.invalid/bench.git" }, render: { directory: {} }, destination: { cluster: "bench", namespace }, syncPolicy: { createNamespace: true } }], clusters: [{ name: "bench", kubeconfig: { path: "/dev/null" } }] }).apps[0];
  if (!app) throw new Error("no app");
  return app;
}

/** kubectl diff's exit code 1 means "differences found": the diff ran to the end. */
function diffFound(error: unknown): void {
  if (typeof error === "object" && error !== null && "code" in error && error.code === 1) return;
  throw error;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};

async function main(): Promise<void> {
  const objects = manifests();
  const cluster = await startCluster();
  const { kubectl } = await ensureKubeTools();
  const work = await mkdtemp(join(tmpdir(), "sluice-bench-apply-"));
  const file = join(work, "app.yaml");
  await writeFile(file, objects.map((o) => toYaml(o)).join("---\n"));
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfig);
  const k = (...args: string[]) => execFileAsync(kubectl, ["--kubeconfig", cluster.kubeconfig, ...args], { maxBuffer: 64 * 1024 * 1024 });
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  const results = { first: { sluice: [] as number[], kubectl: [] as number[] }, reapply: { sluice: [] as number[], kubectl: [] as number[] }, drift: { sluice: [] as number[], kubectl: [] as number[] } };
  try {
    // One warm-up each, not counted: kubectl fills its discovery cache, Node compiles the engine.
    await k("create", "namespace", "warm-kubectl");
    await k("apply", "--server-side", "-n", "warm-kubectl", "-f", file);
    await new ClusterDestination(kc).sync(appIn("warm-sluice"), objects, []);
    // The test cluster's service range is small: each round's namespaces go before the next.
    const drop = (ns: string) => k("delete", "namespace", ns, "--wait=true", "--timeout=120s");
    await drop("warm-kubectl");
    await drop("warm-sluice");

    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? ["sluice", "kubectl"] as const : ["kubectl", "sluice"] as const;
      for (const who of order) {
        const ns = `${who}-${round}`;
        if (who === "kubectl") {
          await k("create", "namespace", ns);
          results.first.kubectl.push(await time(() => k("apply", "--server-side", "-n", ns, "-f", file)));
          results.reapply.kubectl.push(await time(() => k("apply", "--server-side", "-n", ns, "-f", file)));
          // kubectl diff exits 1 when it finds differences. Its objects keep status, which the controllers
          // (and kwok's nodes) still move after an apply, so 1 is a finished diff too; 2 or more is an error.
          results.drift.kubectl.push(await time(() => k("diff", "--server-side", "-n", ns, "-f", file).catch(diffFound)));
        } else {
          const app = appIn(ns);
          let inventory: string[] = [];
          results.first.sluice.push(await time(async () => {
            const run = await new ClusterDestination(kc).sync(app, objects, []);
            const failed = run.results.filter((r) => r.status === "failed");
            if (failed.length) throw new Error(`sync failed: ${failed[0]?.message}`);
            inventory = run.inventory;
          }));
          results.reapply.sluice.push(await time(() => new ClusterDestination(kc).sync(app, objects, inventory)));
          results.drift.sluice.push(await time(async () => {
            const diff = await new ClusterDestination(kc).diff(app, objects, inventory);
            const drifted = diff.resources.filter((r) => r.status !== "Synced");
            if (drifted.length) throw new Error(`unexpected drift: ${drifted.map((d) => `${d.ref.kind}/${d.ref.name} ${d.reason ?? ""} ${d.message ?? ""}\n${d.diff}`).slice(0, 2).join("\n")}`);
          }));
        }
        await drop(ns);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    await cluster.stop();
  }
  const rows = (["first", "reapply", "drift"] as const).map((phase) => {
    const s = median(results[phase].sluice);
    const b = median(results[phase].kubectl);
    return { phase, s, b, ratio: s / b };
  });
  console.log(`objects=${objects.length} rounds=${ROUNDS} (medians; kubeconfig cluster started for this run)`);
  for (const r of rows) console.log(`${r.phase.padEnd(8)} sluice=${r.s.toFixed(0)}ms kubectl=${r.b.toFixed(0)}ms ratio=${r.ratio.toFixed(3)}   [sluice ${results[r.phase].sluice.map((x) => x.toFixed(0)).join(",")}] [kubectl ${results[r.phase].kubectl.map((x) => x.toFixed(0)).join(",")}]`);
  const geo = Math.exp(rows.reduce((acc, r) => acc + Math.log(r.ratio), 0) / rows.length);
  console.log(`apply: ${rows.map((r) => `${r.phase}=${r.ratio.toFixed(3)}`).join(" ")} (geometric mean of the three) ratio=${geo.toFixed(3)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
