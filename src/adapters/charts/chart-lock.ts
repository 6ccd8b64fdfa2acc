import { readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import type { AppConfig } from "../../core/config/app-config.ts";
import type { ChartSources, ListOptions } from "./chart-sources.ts";
import { chartDependencies, dependencySource } from "./chart-yaml.ts";

const MAX_DEPTH = 8;

/** Reads a file of the revision by repo-relative path; undefined when it is not there. */
export type RepoFileReader = (path: string) => Promise<string | undefined>;

/** What an app's chart is made of beyond its source path's files. */
export interface ChartLock {
  /** `chart <repo> <name> <version> <digest>` per chart from a repository, in a stable order. */
  readonly charts: readonly string[];
  /** Repo-relative folders of `file://` dependencies: their files shape the render too. */
  readonly folders: readonly string[];
}

/** Reads files of a checkout folder; a file that is not there reads as undefined. */
export function checkoutReader(dir: string): RepoFileReader {
  return async (path) => {
    try {
      return await readFile(join(dir, path), "utf8");
    } catch (error) {
      const code = typeof error === "object" && error !== null && "code" in error ? error.code : undefined;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return undefined;
      throw error;
    }
  };
}

export const EMPTY_LOCK: ChartLock = { charts: [], folders: [] };

/**
 * The versions and digests an app's Helm render would use now: the app's chart from a repository,
 * or the repository dependencies of its git chart (and of its `file://` dependencies' charts). A
 * new version that a range allows, or a version pushed again, changes it; so it is part of the
 * source digest the sweep compares. Apps that render no Helm chart have none.
 */
export async function chartLock(app: AppConfig, read: RepoFileReader, sources: ChartSources | undefined, options: ListOptions = {}): Promise<ChartLock> {
  if (!("helm" in app.render)) return EMPTY_LOCK;
  const { chart } = app.render.helm;
  if (chart) {
    // Without a way to ask the repository, the range itself is what is known.
    if (!sources) return { charts: [`chart ${chart.repo} ${chart.name} ${chart.version} unresolved`], folders: [] };
    const got = await sources.resolve(chart, options);
    return { charts: [`chart ${got.repo} ${got.name} ${got.version} ${got.digest}`], folders: [] };
  }
  const charts: string[] = [];
  const folders: string[] = [];
  await walk(posix.normalize(app.source.path), { read, sources, options, charts, folders }, 0);
  return { charts: charts.sort(), folders: folders.sort() };
}

interface Walk {
  readonly read: RepoFileReader;
  readonly sources: ChartSources | undefined;
  readonly options: ListOptions;
  readonly charts: string[];
  readonly folders: string[];
}

async function walk(dir: string, w: Walk, depth: number): Promise<void> {
  if (depth > MAX_DEPTH) return;
  const text = await w.read(posix.join(dir, "Chart.yaml"));
  if (text === undefined) return;
  let deps;
  try {
    deps = chartDependencies(text, posix.join(dir, "Chart.yaml"));
  } catch (error) {
    // The render reports a broken Chart.yaml with its path; the digest just counts its bytes.
    if (error instanceof Error) return;
    throw error;
  }
  for (const dep of deps) {
    const source = dependencySource(dep);
    if (source.kind === "file") {
      const folder = posix.normalize(posix.join(dir, source.path));
      if (folder.startsWith("..") || w.folders.includes(folder)) continue;
      w.folders.push(folder);
      await walk(folder, w, depth + 1);
    } else if (source.kind === "repo" && w.sources) {
      const got = await w.sources.resolve({ repo: source.repo, name: dep.name, version: dep.version ?? "*" }, w.options);
      w.charts.push(`dependency ${dir} ${got.repo} ${got.name} ${got.version} ${got.digest}`);
    }
  }
}
