import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { RepoCheckout } from "../../jobs/import/import-context.ts";

// Files larger than this are no manifests worth searching for markers.
const MAX_BYTES = 1024 * 1024;
const SKIP = new Set([".git", "node_modules"]);

/** A checked-out repository on disk, for import to look into. */
export function directoryCheckout(root: string): RepoCheckout {
  const isFile = (path: string): boolean => statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  return {
    exists: (path) => isFile(join(root, path)),
    filesContaining(dir, needle) {
      const found: string[] = [];
      const walk = (folder: string): void => {
        for (const entry of readdirSync(folder, { withFileTypes: true })) {
          const path = join(folder, entry.name);
          if (entry.isDirectory() && !SKIP.has(entry.name)) walk(path);
          else if (entry.isFile() && statSync(path).size <= MAX_BYTES && readFileSync(path, "utf8").includes(needle)) {
            found.push(relative(root, path).split(sep).join("/"));
          }
        }
      };
      const start = join(root, dir);
      if (statSync(start, { throwIfNoEntry: false })?.isDirectory()) walk(start);
      return found.sort();
    },
  };
}
