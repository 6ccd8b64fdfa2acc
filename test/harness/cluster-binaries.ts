// Which Kubernetes the harness runs, built on first use: the current release
// from the Go module proxy, or Debian's 1.20 only where the proxy cannot be
// reached. A failure names the command that builds it by hand; nothing skips.
import { spawn } from "node:child_process";
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const CURRENT_BUILD_COMMAND = "bash test/harness/build-k8s-current.sh";
export const FALLBACK_BUILD_COMMAND = "bash test/harness/build-k8s.sh";
/** build-k8s-current.sh's exit code when the Go module proxy cannot be reached. */
const PROXY_UNREACHABLE = 4;

/** The dir holding the cluster's binaries (for SLUICE_K8S_BIN), building them when missing. */
export async function ensureClusterBinaries(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const pinned = env["SLUICE_K8S_BIN"];
  if (pinned) {
    await mustHaveApiServer(pinned, `SLUICE_K8S_BIN=${pinned}`);
    return pinned;
  }
  const noBuild = env["SLUICE_NO_BUILD"] === "1";
  if (noBuild) {
    const bin = (await run([script("build-k8s-current.sh"), "--print-bin"], env)).stdout.trim();
    await mustHaveApiServer(bin, `SLUICE_NO_BUILD=1`);
    return bin;
  }
  // Exits at once, printing the bin dir, when the binaries are cached.
  const current = await run([script("build-k8s-current.sh")], env);
  const bin = current.stdout.trim().split("\n").at(-1) ?? "";
  if (current.code === 0 && bin) return bin;
  if (current.code !== PROXY_UNREACHABLE) {
    throw new Error(
      `the integration tests need a Kubernetes control plane, and ${CURRENT_BUILD_COMMAND} exited ` +
        `${current.code}; run it by hand to see why: ${CURRENT_BUILD_COMMAND}\n${current.stderr.slice(-4000)}`,
    );
  }
  console.error(`sluice: the Go module proxy cannot be reached; falling back to Kubernetes 1.20 (${FALLBACK_BUILD_COMMAND})`);
  const fallback = await run([script("build-k8s.sh")], env);
  const fallbackBin = join(env["SLUICE_CACHE"] ?? join(env["HOME"] ?? "", ".cache", "sluice"), "k8s-1.20.2-reflect2", "bin");
  if (fallback.code !== 0) {
    throw new Error(
      `${FALLBACK_BUILD_COMMAND} exited ${fallback.code}; run it by hand to see why: ${FALLBACK_BUILD_COMMAND}\n` +
        fallback.stderr.slice(-4000),
    );
  }
  await mustHaveApiServer(fallbackBin, FALLBACK_BUILD_COMMAND);
  return fallbackBin;
}

/** K8S_VERSION and K8S_NODES from the output of `k8s.sh start`. */
export function clusterFacts(startOutput: string): { version: string; nodes: number } {
  const version = /^K8S_VERSION=(.+)$/m.exec(startOutput)?.[1] ?? "unknown";
  const nodes = Number(/^K8S_NODES=(\d+)$/m.exec(startOutput)?.[1] ?? "0");
  return { version, nodes };
}

async function mustHaveApiServer(bin: string, how: string): Promise<void> {
  try {
    await access(join(bin, "kube-apiserver"), constants.X_OK);
  } catch (error) {
    throw new Error(`no kube-apiserver in ${bin} (${how}); run: ${CURRENT_BUILD_COMMAND}`, { cause: error });
  }
}

function script(name: string): string {
  return join(REPO_ROOT, "test", "harness", name);
}

/** Runs bash with args; stderr goes on to ours as it comes (a first build takes minutes). */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      err.push(chunk);
      process.stderr.write(chunk);
    });
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
  });
}
