import { isAbsolute, relative, resolve, sep } from "node:path";
import type { JsonnetConfig } from "../../core/config/jsonnet-config.ts";
import { jsonnetArgs } from "./jsonnet-args.ts";
import type { Manifest } from "./manifest.ts";
import { ManifestError, parseManifests } from "./parse-manifests.ts";
import { RenderError } from "./render-error.ts";
import { runJsonnet } from "./run-jsonnet.ts";

export interface JsonnetTools {
  /** go-jsonnet's `jsonnet` command compiled to wasm (infra/build-jsonnet.sh). */
  wasm: string;
  timeoutMs: number;
}

/**
 * Evaluates one `.jsonnet` file of a directory app (paths relative to the repository root) into
 * objects, as Argo CD does: its output is an object or an array of objects. An evaluation error
 * is go-jsonnet's own message, naming the file, line and column.
 */
export async function renderJsonnet(file: string, appDir: string, root: string, options: JsonnetConfig, tools: JsonnetTools): Promise<Manifest[]> {
  const libs = options.libs.map((lib) => insideRoot(lib, root));
  const out = await runJsonnet(tools.wasm, root, jsonnetArgs(file, appDir, { ...options, libs }), tools.timeoutMs);
  let value: unknown;
  try {
    value = JSON.parse(out);
  } catch (error) {
    throw new ManifestError(`${file}: jsonnet printed no JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const objects = Array.isArray(value) ? value : [value];
  // One document per line, on its own "---": a problem's "line" is the object's place in the output, from 1.
  return parseManifests(objects.map((o) => `--- ${JSON.stringify(o)}`).join("\n"), `${file} output object`);
}

/** A library folder, relative to the repository root as Argo CD reads it (a leading `/` too); never outside it. */
function insideRoot(lib: string, root: string): string {
  const path = resolve(root, lib.replace(/^\/+/, ""));
  const rel = relative(root, path);
  if (rel.startsWith("..") || isAbsolute(rel)) throw new RenderError(`directory.jsonnet.libs: ${lib} leaves the repository`, { retry: "never" });
  return rel === "" ? "." : rel.split(sep).join("/");
}
