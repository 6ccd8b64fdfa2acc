// A local osls plugin: before packaging, builds go-jsonnet's wasm when it is not cached
// (infra/build-jsonnet.sh, through the Go module proxy) and copies it to dist/jsonnet/, which
// the worker's and the dashboard's zips carry: they render directory apps' .jsonnet files with
// it (handlers/lib/lambda-tools.ts). Lambda has no Go toolchain to build it at cold start.
import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

export const WASM_FILE = join("dist", "jsonnet", "jsonnet.wasm");

export default class JsonnetWasm {
  constructor(serverless, _options, { log }) {
    const copy = async () => {
      const script = join(serverless.serviceDir, "infra", "build-jsonnet.sh");
      const { stdout } = await promisify(execFile)("bash", [script], { cwd: serverless.serviceDir }).catch((error) => {
        throw new serverless.classes.Error(`infra/aws/jsonnet-wasm.js: bash infra/build-jsonnet.sh failed: ${error.stderr ?? error.message}`);
      });
      const built = stdout.trim().split("\n").at(-1);
      const file = join(serverless.serviceDir, WASM_FILE);
      await mkdir(dirname(file), { recursive: true });
      await copyFile(built, file);
      log.info(`Jsonnet: ${WASM_FILE} from ${built}`);
    };
    this.hooks = { "before:package:initialize": copy, "before:deploy:function:packageFunction": copy };
  }
}
