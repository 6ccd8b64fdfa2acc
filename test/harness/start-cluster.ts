// A throwaway Kubernetes cluster (test/harness/k8s.sh: the current release with
// simulated nodes, or the 1.20 fallback) for a benchmark run, built on first use.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { clusterFacts, ensureClusterBinaries } from "./cluster-binaries.ts";
import { freePorts } from "./registry.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface BenchCluster {
  kubeconfig: string;
  /** The API server's version, e.g. v1.37.2. */
  version: string;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<BenchCluster> {
  const bin = await ensureClusterBinaries();
  const dir = await mkdtemp(join(tmpdir(), "sluice-cluster-"));
  const [api, etcd, peer] = await freePorts(3);
  const env = {
    ...process.env,
    SLUICE_K8S_BIN: bin,
    SLUICE_CLUSTER_DIR: dir,
    SLUICE_API_PORT: String(api),
    SLUICE_ETCD_PORT: String(etcd),
    SLUICE_ETCD_PEER_PORT: String(peer),
    SLUICE_WATCH_PID: String(process.pid),
    SLUICE_CLUSTER_DISPOSABLE: "1",
  };
  const run = (verb: string) =>
    new Promise<{ code: number; stdout: string }>((resolve, reject) => {
      const child = spawn("bash", [join(root, "test", "harness", "k8s.sh"), verb], {
        env,
        stdio: ["ignore", "pipe", "inherit"],
      });
      const out: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8") }));
    });
  const start = await run("start");
  if (start.code !== 0) throw new Error(`bash test/harness/k8s.sh start failed; logs in ${dir}`);
  const { version } = clusterFacts(start.stdout);
  return {
    kubeconfig: join(dir, "kubeconfig"),
    version,
    stop: async () => {
      await run("stop");
      await rm(dir, { recursive: true, force: true });
    },
  };
}
