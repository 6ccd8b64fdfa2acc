// The folder-level import graph of src/, read from the sources: what the layer rules are checked on.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const IMPORT = /(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]*)"/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|js)$/.test(name) ? [path] : [];
  });
}

/** Folder (relative to src/) → the other folders its files import from. */
export function folderGraph(src: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(src)) {
    const from = relative(src, dirname(file));
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const spec = match[1];
      if (spec === undefined) continue;
      const to = relative(src, dirname(resolve(dirname(file), spec)));
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every folder that sits on an import cycle with another folder. */
export function foldersInCycles(graph: Map<string, Set<string>>): string[] {
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(graph.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop();
      if (next === undefined || seen.has(next)) continue;
      if (next === goal) return true;
      seen.add(next);
      stack.push(...(graph.get(next) ?? []));
    }
    return false;
  };
  return [...graph.keys()].filter((folder) => reaches(folder, folder)).sort();
}
