// vitest globalSetup of the `integration` project: one real Kubernetes control
// plane on 127.0.0.1 for the whole run (etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok's simulated nodes; see
// test/harness/k8s.sh), built on first use, stopped by PID in teardown.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// Loads vitest's types so that the augmentation below has a module to extend.
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { clusterFacts, ensureClusterBinaries } from "./cluster-binaries.ts";
import { freePorts } from "./registry.ts";
import { ensureJsonnetWasm } from "./jsonnet-wasm.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of a kubeconfig whose current context is cluster-admin on the test API server. */
    kubeconfig: string;
    /** https://127.0.0.1:PORT */
    kubeApiServer: string;
    /** Holds the cluster's *.log files. */
    clusterDir: string;
    /** The API server's version, e.g. v1.37.2. */
    kubeVersion: string;
    /** How many simulated (kwok) nodes run Pods; 0 on the 1.20 fallback, where Pods stay Pending. */
    kubeNodes: number;
  }
}

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CLUSTER_SCRIPT = join(REPO_ROOT, "test", "harness", "k8s.sh");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bin = await ensureClusterBinaries();
  // Exits at once when cached: directory apps with .jsonnet files render with it.
  await ensureJsonnetWasm();

  const clusterDir = await mkdtemp(join(tmpdir(), "sluice-cluster-"));
  const [apiPort, etcdPort, etcdPeerPort] = await freePorts(3);
  if (apiPort === undefined || etcdPort === undefined || etcdPeerPort === undefined) throw new Error("no free ports");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLUICE_K8S_BIN: bin,
    SLUICE_CLUSTER_DIR: clusterDir,
    SLUICE_API_PORT: String(apiPort),
    SLUICE_ETCD_PORT: String(etcdPort),
    SLUICE_ETCD_PEER_PORT: String(etcdPeerPort),
    // If this runner dies without teardown, the cluster stops and deletes itself.
    SLUICE_WATCH_PID: String(process.pid),
    SLUICE_CLUSTER_DISPOSABLE: "1",
  };
  const started = Date.now();
  const start = await run("bash", [CLUSTER_SCRIPT, "start"], env);
  if (start.code !== 0) {
    await run("bash", [CLUSTER_SCRIPT, "stop"], env);
    throw new Error(
      `could not start the test Kubernetes cluster (bash test/harness/k8s.sh start exited ${start.code}); ` +
        `logs in ${clusterDir}\n${start.output.slice(-4000)}`,
    );
  }
  const { version, nodes } = clusterFacts(start.output);
  console.error(
    `sluice: test cluster Kubernetes ${version} with ${nodes} simulated nodes ready in ` +
      `${Date.now() - started} ms at https://127.0.0.1:${apiPort}`,
  );

  project.provide("kubeconfig", join(clusterDir, "kubeconfig"));
  project.provide("kubeApiServer", `https://127.0.0.1:${apiPort}`);
  project.provide("clusterDir", clusterDir);
  project.provide("kubeVersion", version);
  project.provide("kubeNodes", nodes);

  return async () => {
    const stop = await run("bash", [CLUSTER_SCRIPT, "stop"], env);
    if (stop.code !== 0) throw new Error(`bash test/harness/k8s.sh stop exited ${stop.code}\n${stop.output}`);
    await rm(clusterDir, { recursive: true, force: true });
  };
}

/** Runs a command to completion, collecting stdout and stderr. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => chunks.push(chunk);
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString("utf8") }),
    );
  });
}
