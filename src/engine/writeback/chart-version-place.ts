import { parseAllDocuments } from "yaml";
import { findScalar, replaceScalars, YamlEditError } from "../../adapters/yaml/cst-edit.ts";
import { chartDependencies } from "../../adapters/charts/chart-yaml.ts";
import type { KeyPath } from "../../core/config/key-path.ts";
import { WriteBackError } from "./write-back-error.ts";

/** Where a chart's version is written in one YAML file: a document and a key path. */
export interface ChartVersionPlace {
  readonly doc: number;
  readonly path: KeyPath;
}

/** The `version` of the Chart.yaml dependency named `name` (its alias first, then its name), and where it comes from. */
export function dependencyPlace(chartYaml: string, name: string, file: string): ChartVersionPlace & { readonly repository: string; readonly chart: string } {
  let deps;
  try {
    deps = chartDependencies(chartYaml, file);
  } catch (error) {
    throw new WriteBackError({ file, reason: error instanceof Error ? error.message : String(error) });
  }
  const byAlias = deps.findIndex((d) => d.alias === name);
  const index = byAlias >= 0 ? byAlias : deps.findIndex((d) => d.name === name && d.alias === undefined);
  if (index < 0) throw new WriteBackError({ file, reason: `no dependency named ${name} (dependencies: ${deps.map((d) => d.alias ?? d.name).join(", ") || "none"})` });
  return { doc: 0, path: ["dependencies", index, "version"], repository: (deps[index]?.repository ?? "").trim(), chart: deps[index]?.name ?? name };
}

/** `render.helm.chart.version` of the app named `app` in a definitions file (`apps:` in any document). */
export function definitionPlace(text: string, app: string, file: string): ChartVersionPlace {
  const docs = parseAllDocuments(text);
  const all = Array.isArray(docs) ? docs : [docs];
  for (const [d, doc] of all.entries()) {
    const value: unknown = doc.toJS();
    const apps = typeof value === "object" && value !== null && "apps" in value && Array.isArray(value.apps) ? (value.apps as unknown[]) : [];
    const index = apps.findIndex((a) => typeof a === "object" && a !== null && "name" in a && a.name === app);
    if (index >= 0) return { doc: d, path: ["apps", index, "render", "helm", "chart", "version"] };
  }
  throw new WriteBackError({ file, reason: `defines no app named ${app}` });
}

/** The version written at `place`. */
export function readVersionAt(content: string, place: ChartVersionPlace, file: string): string {
  return located(file, () => findScalar(content, place.path, place.doc).value);
}

/** `content` with `version` at `place`, every other byte kept; the same string when it already holds it. */
export function writeVersionAt(content: string, place: ChartVersionPlace, version: string, file: string): string {
  return located(file, () => replaceScalars(content, [{ location: findScalar(content, place.path, place.doc), value: version }]));
}

function located<T>(file: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof YamlEditError) throw new WriteBackError({ file, reason: error.message, cause: error });
    throw error;
  }
}
