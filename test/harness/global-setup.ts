// vitest globalSetup of the `integration` project: one real Kubernetes control
// plane (etcd + kube-apiserver + kube-controller-manager) on 127.0.0.1 for the
// whole run, built on first use, stopped by PID in teardown.
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
// Loads vitest's types so that the augmentation below has a module to extend.
import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { freePorts } from "./registry.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of a kubeconfig whose current context is cluster-admin on the test API server. */
    kubeconfig: string;
    /** https://127.0.0.1:PORT */
    kubeApiServer: string;
    /** Holds the cluster's *.log files. */
    clusterDir: string;
  }
}

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const BUILD_COMMAND = "bash test/harness/build-k8s.sh";
const BUILD_SCRIPT = join(REPO_ROOT, "test", "harness", "build-k8s.sh");
const CLUSTER_SCRIPT = join(REPO_ROOT, "test", "harness", "k8s.sh");

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureK8sBinaries();

  const clusterDir = await mkdtemp(join(tmpdir(), "sluice-cluster-"));
  const [apiPort, etcdPort, etcdPeerPort] = await freePorts(3);
  if (apiPort === undefined || etcdPort === undefined || etcdPeerPort === undefined) throw new Error("no free ports");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
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
  console.error(`sluice: test cluster ready in ${Date.now() - started} ms at https://127.0.0.1:${apiPort}`);

  project.provide("kubeconfig", join(clusterDir, "kubeconfig"));
  project.provide("kubeApiServer", `https://127.0.0.1:${apiPort}`);
  project.provide("clusterDir", clusterDir);

  return async () => {
    const stop = await run("bash", [CLUSTER_SCRIPT, "stop"], env);
    if (stop.code !== 0) throw new Error(`bash test/harness/k8s.sh stop exited ${stop.code}\n${stop.output}`);
    await rm(clusterDir, { recursive: true, force: true });
  };
}

function k8sBinDir(): string {
  const cache = process.env.SLUICE_CACHE ?? join(homedir(), ".cache", "sluice");
  return process.env.SLUICE_K8S_BIN ?? join(cache, "k8s-1.20.2-reflect2", "bin");
}

async function missingComponents(): Promise<string[]> {
  const bin = k8sBinDir();
  const wanted = [join(bin, "kube-apiserver"), join(bin, "kube-controller-manager"), "etcd", "openssl", "curl"];
  const missing: string[] = [];
  for (const item of wanted) {
    if (!(await executable(item))) missing.push(item);
  }
  return missing;
}

/** Builds the binaries on first use; a failure names the command to run by hand. */
async function ensureK8sBinaries(): Promise<void> {
  const missing = await missingComponents();
  if (missing.length === 0) return;
  if (process.env.SLUICE_NO_BUILD === "1") {
    throw new Error(`missing ${missing.join(", ")} (SLUICE_NO_BUILD=1); run: ${BUILD_COMMAND}`);
  }
  console.error(`sluice: missing ${missing.join(", ")}; running ${BUILD_COMMAND} (about 4 minutes, once)`);
  const build = await run("bash", [BUILD_SCRIPT], process.env, true);
  const still = await missingComponents();
  if (build.code !== 0 || still.length > 0) {
    throw new Error(
      `the integration tests need ${still.join(", ") || missing.join(", ")}, and ${BUILD_COMMAND} ` +
        `exited ${build.code}; run it by hand to see why: ${BUILD_COMMAND}\n${build.output.slice(-4000)}`,
    );
  }
}

async function executable(nameOrPath: string): Promise<boolean> {
  const candidates = nameOrPath.includes("/")
    ? [nameOrPath]
    : (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, nameOrPath));
  for (const candidate of candidates) {
    try {
      await access(candidate, constants.X_OK);
      return true;
    } catch (error) {
      if (!isCode(error, "ENOENT") && !isCode(error, "EACCES") && !isCode(error, "ENOTDIR")) throw error;
    }
  }
  return false;
}

/** Runs a command to completion, collecting stdout and stderr (echoed to our stderr when `echo`). */
function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  echo = false,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      if (echo) process.stderr.write(chunk);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString("utf8") }),
    );
  });
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
