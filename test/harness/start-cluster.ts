// A throwaway kube-apiserver 1.20 + controller manager (test/harness/k8s.sh) for a benchmark run.
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePorts } from "./registry.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface BenchCluster {
  kubeconfig: string;
  stop(): Promise<void>;
}

export async function startCluster(): Promise<BenchCluster> {
  const bin = process.env["SLUICE_K8S_BIN"] ?? join(process.env["SLUICE_CACHE"] ?? join(homedir(), ".cache", "sluice"), "k8s-1.20.2-reflect2", "bin");
  try {
    await access(join(bin, "kube-apiserver"), constants.X_OK);
  } catch (error) {
    throw new Error(`kube-apiserver not found in ${bin}; run: bash test/harness/build-k8s.sh`, { cause: error });
  }
  const dir = await mkdtemp(join(tmpdir(), "sluice-cluster-"));
  const [api, etcd, peer] = await freePorts(3);
  const env = { ...process.env, SLUICE_CLUSTER_DIR: dir, SLUICE_API_PORT: String(api), SLUICE_ETCD_PORT: String(etcd), SLUICE_ETCD_PEER_PORT: String(peer), SLUICE_WATCH_PID: String(process.pid), SLUICE_CLUSTER_DISPOSABLE: "1" };
  const run = (verb: string) => new Promise<number>((resolve, reject) => {
    const child = spawn("bash", [join(root, "test", "harness", "k8s.sh"), verb], { env, stdio: ["ignore", "ignore", "inherit"] });
    child.once("error", reject);
    child.once("close", (code) => resolve(code ?? 1));
  });
  if ((await run("start")) !== 0) throw new Error(`bash test/harness/k8s.sh start failed; logs in ${dir}`);
  return { kubeconfig: join(dir, "kubeconfig"), stop: async () => { await run("stop"); await rm(dir, { recursive: true, force: true }); } };
}
