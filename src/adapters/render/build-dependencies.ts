import { copyFile, cp, mkdir, readdir, readFile } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { RenderError } from "./render-error.ts";
import type { ChartSources } from "../charts/chart-sources.ts";
import { chartDependencies, dependencySource, type ChartDependency } from "../charts/chart-yaml.ts";

const MAX_DEPTH = 8;

/** Where a chart folder came from, so `file://` paths resolve as Helm resolves them and stay in the repo. */
export interface ChartOrigin {
  /** The chart's folder in the checkout. */
  readonly dir: string;
  /** The checkout's root: no `file://` dependency may leave it. */
  readonly root: string;
}

/**
 * Fills `chartDir/charts/` with the dependencies its Chart.yaml lists and that are not there yet,
 * as `helm dependency build` does without a lock or `helm repo add`: `file://` folders of the
 * same repo (their own dependencies built too), and charts from Helm and OCI repositories at the
 * highest version their range allows, from the digest-keyed package cache. `chartDir` is a
 * scratch copy: the checkout is never written.
 */
export async function buildDependencies(chartDir: string, origin: ChartOrigin, sources: ChartSources | undefined, depth = 0): Promise<void> {
  if (depth > MAX_DEPTH) throw new RenderError(`${origin.dir}: chart dependencies nest deeper than ${MAX_DEPTH} (a cycle of file:// dependencies?)`, { retry: "never" });
  const dependencies = await readDependencies(chartDir, origin);
  if (dependencies.length === 0) return;
  const vendored = await readdir(join(chartDir, "charts")).catch((error: unknown) => {
    if (typeof error === "object" && error !== null && "code" in error && error.code === "ENOENT") return [];
    throw error;
  });
  await mkdir(join(chartDir, "charts"), { recursive: true });
  const missing = dependencies.filter((d) => !vendored.some((f) => f === d.name || (f.startsWith(`${d.name}-`) && f.endsWith(".tgz"))));
  await Promise.all(missing.map((dep) => addDependency(dep, chartDir, origin, sources, depth)));
}

async function readDependencies(chartDir: string, origin: ChartOrigin): Promise<ChartDependency[]> {
  let text: string;
  try {
    text = await readFile(join(chartDir, "Chart.yaml"), "utf8");
  } catch (error) {
    throw new RenderError(`${origin.dir}: no Chart.yaml`, { retry: "never", cause: error });
  }
  try {
    return chartDependencies(text, join(origin.dir, "Chart.yaml"));
  } catch (error) {
    throw new RenderError(error instanceof Error ? error.message : String(error), { retry: "never", cause: error });
  }
}

async function addDependency(dep: ChartDependency, chartDir: string, origin: ChartOrigin, sources: ChartSources | undefined, depth: number): Promise<void> {
  const source = dependencySource(dep);
  if (source.kind === "unknown") throw new RenderError(`${origin.dir}: ${source.reason}`, { retry: "never" });
  if (source.kind === "file") {
    const from = resolve(origin.dir, source.path);
    if (from !== origin.root && !from.startsWith(`${origin.root}${sep}`)) {
      throw new RenderError(`${origin.dir}: dependency ${dep.name} (file://${source.path}) leaves the repository`, { retry: "never" });
    }
    const to = join(chartDir, "charts", dep.name);
    await cp(from, to, { recursive: true, filter: (path) => !path.split(sep).includes(".git") }).catch((error: unknown) => {
      throw new RenderError(`${origin.dir}: dependency ${dep.name}: file://${source.path} is not readable`, { retry: "never", cause: error });
    });
    await buildDependencies(to, { dir: from, root: origin.root }, sources, depth + 1);
    return;
  }
  if (!sources) throw new RenderError(`${origin.dir}: dependency ${dep.name} comes from ${source.repo}, and this runtime fetches no charts`, { retry: "never" });
  const chart = await sources.resolve({ repo: source.repo, name: dep.name, version: dep.version ?? "*" });
  await copyFile(await sources.fetch(chart), join(chartDir, "charts", `${dep.name}-${chart.version}.tgz`));
}
