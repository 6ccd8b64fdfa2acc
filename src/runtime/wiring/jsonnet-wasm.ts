import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** The go-jsonnet release infra/build-jsonnet.sh pins (a test reads the script to keep the two equal). */
export const GO_JSONNET_VERSION = "0.22.0";

/**
 * Where the jsonnet renderer's wasm is: SLUICE_JSONNET_WASM, else what infra/build-jsonnet.sh
 * builds into the cache (SLUICE_CACHE, default ~/.cache/sluice). It need not exist: a render of a
 * `.jsonnet` file then fails with the command that builds it, and every other app renders.
 */
export function jsonnetWasm(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env["SLUICE_JSONNET_WASM"];
  if (pinned) return resolve(pinned);
  return join(env["SLUICE_CACHE"] || join(homedir(), ".cache", "sluice"), `jsonnet-${GO_JSONNET_VERSION}`, "jsonnet.wasm");
}
