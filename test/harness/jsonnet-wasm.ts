// The jsonnet renderer's wasm for the integration tests, built on first use by the same script
// a user and the Lambda packaging run. A failure names the command; nothing skips.
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const JSONNET_BUILD_COMMAND = "bash infra/build-jsonnet.sh";

/** Builds go-jsonnet's wasm when it is not cached (exits at once when it is); returns its path. */
export function ensureJsonnetWasm(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("bash", [join(REPO_ROOT, "infra", "build-jsonnet.sh")], { cwd: REPO_ROOT, env }, (error, stdout, stderr) => {
      const wasm = stdout.trim().split("\n").at(-1) ?? "";
      if (!error && wasm) return resolve(wasm);
      reject(new Error(`the jsonnet tests need go-jsonnet's wasm, and ${JSONNET_BUILD_COMMAND} failed; run it by hand to see why: ${JSONNET_BUILD_COMMAND}\n${stderr.slice(-4000)}`, { cause: error }));
    });
  });
}
