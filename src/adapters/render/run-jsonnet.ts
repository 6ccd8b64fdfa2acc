import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { CommandError } from "./command-runner.ts";
import { JSONNET_THREAD } from "./jsonnet-thread.ts";
import { jsonnetMessage } from "./jsonnet-message.ts";

/** The command that builds the wasm, for the error of a runtime without it. */
export const JSONNET_BUILD_COMMAND = "bash infra/build-jsonnet.sh";

/** A compiled WebAssembly.Module, handed to the thread as is (modules clone between threads). */
type WasmModule = object;
// Node's WebAssembly global: the project's lib (ES2023, no DOM) declares no value for it.
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

// Compiled once per wasm file and process: a module is ~8 MB of code, an instance per file is cheap.
const modules = new Map<string, Promise<WasmModule>>();

/**
 * Runs go-jsonnet's `jsonnet` command (compiled to wasm) on `args` in a worker thread, terminated
 * when it outlives `timeoutMs`; returns its standard output. Fails with CommandError as a child
 * process would: its standard error, or a `killed` cause on timeout, or the file's `code` when the
 * wasm is missing, so commandRetry tells the revision's failures from the runtime's.
 */
export async function runJsonnet(wasm: string, root: string, args: readonly string[], timeoutMs: number): Promise<string> {
  const module = await compiled(wasm);
  const scratch = await mkdtemp(join(tmpdir(), "sluice-jsonnet-"));
  try {
    const [stdout, stderr] = [await open(join(scratch, "stdout"), "w"), await open(join(scratch, "stderr"), "w")];
    let code: number;
    try {
      code = await inThread({ module, root, args: [...args], stdout: stdout.fd, stderr: stderr.fd }, timeoutMs);
    } finally {
      await Promise.all([stdout.close(), stderr.close()]);
    }
    const err = await readFile(join(scratch, "stderr"), "utf8");
    if (code !== 0) throw new CommandError(`jsonnet failed: ${err.trim() ? jsonnetMessage(err) : `exit code ${code}`}`, err);
    return await readFile(join(scratch, "stdout"), "utf8");
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

function compiled(wasm: string): Promise<WasmModule> {
  let module = modules.get(wasm);
  if (!module) {
    module = readFile(wasm).then((bytes) => wasmApi.compile(bytes)).catch((error: unknown) => {
      modules.delete(wasm);
      const missing = typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT";
      const why = missing ? `${wasm} is missing: build it with ${JSONNET_BUILD_COMMAND}` : `${wasm} does not load: ${String(error)}`;
      throw new CommandError(`jsonnet is rendered by go-jsonnet compiled to WebAssembly, and ${why}`, "", { cause: missing ? error : { code: "EWASM" } });
    });
    modules.set(wasm, module);
  }
  return module;
}

interface ThreadData { module: WasmModule; root: string; args: string[]; stdout: number; stderr: number }

function inThread(data: ThreadData, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // A worker's default 4 MB stack holds go-jsonnet's 500 frames (test/integration/jsonnet-renderer.test.ts).
    const worker = new Worker(JSONNET_THREAD, { eval: true, workerData: data });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new CommandError(`jsonnet failed: timed out after ${timeoutMs} ms`, "", { cause: { killed: true } }));
    }, timeoutMs);
    worker.once("message", (code: unknown) => resolve(typeof code === "number" ? code : 1));
    // The evaluation's own failure (a stack overflow, a trap): judged by its message, as a renderer's stderr is.
    worker.once("error", (error) => reject(new CommandError(`jsonnet failed: ${error.message}`, "", { cause: error })));
    worker.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? 0 : code);
    });
  });
}
