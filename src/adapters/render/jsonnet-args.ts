import type { JsonnetConfig } from "../../core/config/jsonnet-config.ts";

/**
 * The arguments of go-jsonnet's `jsonnet` command that evaluate `file` as Argo CD does: library
 * paths the app's folder, then each of `libs` (Argo CD's importer paths, in its order; go-jsonnet
 * tries the last first, after the importing file's own folder); every tla and ext var as a
 * string, or as code when `code`. Paths are relative to the repository root, which the command
 * sees as its working folder.
 */
export function jsonnetArgs(file: string, appDir: string, options: JsonnetConfig): string[] {
  const args = ["-J", appDir];
  for (const lib of options.libs) args.push("-J", lib);
  for (const v of options.extVars) args.push(v.code ? "--ext-code" : "--ext-str", `${v.name}=${v.value}`);
  for (const v of options.tlas) args.push(v.code ? "--tla-code" : "--tla-str", `${v.name}=${v.value}`);
  // "--" ends the options: a file named "-x.jsonnet" is a file.
  args.push("--", file);
  return args;
}
