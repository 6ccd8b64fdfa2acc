/**
 * The worker thread that runs go-jsonnet's wasm (CommonJS source, so a bundle carries it as a
 * string): WASI preview 1 with the repository root the only preopened folder, seen as `/src` and
 * as the working folder, so imports cannot leave it and messages name repository paths. Its
 * exit code goes back by message; `node:wasi`'s "experimental" warning is not printed per render.
 */
export const JSONNET_THREAD = `
const { workerData, parentPort } = process.getBuiltinModule("node:worker_threads");
process.removeAllListeners("warning");
const { WASI } = process.getBuiltinModule("node:wasi");
const wasi = new WASI({
  version: "preview1",
  args: ["jsonnet", ...workerData.args],
  env: { PWD: "/src" },
  preopens: { "/src": workerData.root },
  stdout: workerData.stdout,
  stderr: workerData.stderr,
  returnOnExit: true,
});
const instance = new WebAssembly.Instance(workerData.module, wasi.getImportObject());
parentPort.postMessage(wasi.start(instance));
`;
