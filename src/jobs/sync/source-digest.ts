import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import type { AppConfig } from "../../core/config/app-config.ts";
import { appScope } from "../../core/config/app-scope.ts";
import { chartLock, checkoutReader, EMPTY_LOCK, type ChartLock } from "../../adapters/charts/chart-lock.ts";
import type { ChartSources } from "../../adapters/charts/chart-sources.ts";

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Repo-relative path (`/`-separated) → sha256 of the file's bytes, for the files of a checkout. */
export type SourceFiles = ReadonlyMap<string, string>;

/**
 * The files of a checkout, or of some folders of it, hashed; `.git` is skipped. Symbolic links
 * hash their target, so a link retargeted counts as a change.
 */
export async function readSourceFiles(dir: string, folders: readonly string[] = [""]): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(join(dir, rel), { withFileTypes: true });
    } catch (error) {
      // An app whose path is not in this revision renders nothing from it: no files.
      if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return;
      throw error;
    }
    for (const entry of entries) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name !== ".git") await walk(path);
        continue;
      }
      const hash = await hashEntry(dir, path);
      if (hash !== undefined) files.set(path, hash);
    }
  };
  for (const folder of folders) await walk(folder);
  return files;
}

/**
 * The files of one revision, able to say for any app what it renders from. Built once per repo
 * and revision, it answers thousands of apps by prefix search instead of matching every path
 * against every app.
 */
export class SourceSnapshot {
  private readonly paths: string[];

  /** `chartFiles`: the text of each Chart.yaml, so the sweep can resolve a chart's dependencies without a checkout. */
  constructor(private readonly files: SourceFiles, private readonly chartFiles: ReadonlyMap<string, string> = new Map()) {
    this.paths = [...files.keys()].sort();
  }

  /** A Chart.yaml of this revision by repo-relative path. */
  chartFile(path: string): Promise<string | undefined> {
    return Promise.resolve(this.chartFiles.get(path));
  }

  /**
   * A digest of everything that shapes what the app renders: the files under `source.path` and
   * matching `source.paths` (what a git webhook would sync it for), the files its images are
   * written to, its render settings, and its chart lock (charts and dependencies from
   * repositories, at the versions and digests a render would use). Equal digests: the app renders the same.
   */
  digest(app: AppConfig, lock: ChartLock = EMPTY_LOCK): string {
    const scope = appScope(app);
    const chosen = new Set<string>();
    const { root } = scope;
    if (root === "") for (const p of this.paths) chosen.add(p);
    else {
      for (let i = lowerBound(this.paths, root); i < this.paths.length; i++) {
        const p = this.paths[i] ?? "";
        if (p !== root && !p.startsWith(`${root}/`)) {
          if (p > `${root}/\uffff`) break;
          continue;
        }
        chosen.add(p);
      }
    }
    if (scope.globs.length > 0) for (const p of this.paths) if (scope.globbed(p)) chosen.add(p);
    const lines = [JSON.stringify([app.render, app.destination.namespace])];
    for (const file of scope.writtenFiles) lines.push(`image ${file} ${this.files.get(file) ?? "absent"}`);
    for (const folder of lock.folders) for (const p of this.paths) if (p.startsWith(`${folder}/`)) chosen.add(p);
    for (const p of [...chosen].sort()) lines.push(`${p}\0${this.files.get(p) ?? ""}`);
    // Only apps with a lock get these lines: every other app's digest stays what it was.
    lines.push(...lock.charts);
    return sha256(lines.join("\n")).slice(0, 32);
  }
}

/** The app's source digest read straight from a checkout: only the folders it can depend on. */
export async function appSourceDigest(app: AppConfig, dir: string, charts?: ChartSources): Promise<string> {
  const { root, globs, writtenFiles } = appScope(app);
  const lock = await chartLock(app, checkoutReader(dir), charts);
  const wholeRepo = root === "" || globs.length > 0 || lock.folders.length > 0;
  const files = await readSourceFiles(dir, wholeRepo ? [""] : [root]);
  if (!wholeRepo) {
    for (const file of writtenFiles) {
      if (files.has(file)) continue;
      const hash = await hashEntry(dir, file);
      if (hash !== undefined) files.set(file, hash);
    }
  }
  return new SourceSnapshot(files).digest(app, lock);
}

/** A revision's snapshot read from its checkout: every file's hash, and the text of each Chart.yaml. */
export async function readSnapshot(dir: string): Promise<SourceSnapshot> {
  const files = await readSourceFiles(dir);
  const charts = new Map<string, string>();
  for (const path of files.keys()) {
    if (path !== "Chart.yaml" && !path.endsWith("/Chart.yaml")) continue;
    const text = await checkoutReader(dir)(path);
    if (text !== undefined) charts.set(path, text);
  }
  return new SourceSnapshot(files, charts);
}


/** The hash of one file (its bytes) or symbolic link (its target); undefined when it is neither or absent. */
async function hashEntry(dir: string, path: string): Promise<string | undefined> {
  try {
    const stat = await lstat(join(dir, path));
    if (stat.isSymbolicLink()) return sha256(`symlink:${await readlink(join(dir, path))}`);
    return stat.isFile() ? sha256(await readFile(join(dir, path))) : undefined;
  } catch (error) {
    if (isCode(error, "ENOENT") || isCode(error, "ENOTDIR")) return undefined;
    throw error;
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? "") < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === code;
}
