import type { FileEditor } from "../../adapters/git/branch-editor.ts";
import type { AppConfig } from "../../core/config/app-config.ts";
import { chartKey } from "../../core/charts/chart-key.ts";
import { definitionPlace, readVersionAt, writeVersionAt } from "../../engine/writeback/chart-version-place.ts";
import { WriteBackError } from "../../engine/writeback/write-back-error.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { currentIndex } from "./current-index.ts";
import { chartTargetOf } from "./chart-target.ts";

/** The app-source file that defines an app's updated chart, and the chart's key. */
export interface DefinitionRollback {
  readonly file: string;
  readonly key: string;
}

/**
 * Where a rollback of the app's own branch can take its chart version back: the app-source file that
 * defines it, when that file is in the same repository and branch (one gitops repo holding both).
 * Elsewhere the branch's revision says nothing about the definition, and there is none.
 */
export async function definitionInOwnBranch(app: AppConfig, deps: Pick<WorkerDeps, "appIndex" | "config">): Promise<DefinitionRollback | undefined> {
  const chart = "helm" in app.render ? app.render.helm.chart : undefined;
  const entry = chart?.update ? (await currentIndex(deps)).get(app.name) : undefined;
  if (!chart || !entry) return undefined;
  const key = chartKey(chart.repo, chart.name);
  const target = chartTargetOf(app, { chart: key }, entry, deps.config);
  if (target.kind !== "definition" || target.source.repoKey !== app.source.repoKey || target.source.branch !== app.source.branch) return undefined;
  return { file: target.file, key };
}

/**
 * Puts the definition's chart version back to the one `before` (the file at the revision) held,
 * changing only that scalar: the same file may define other apps. None when it did not define the
 * app then, or the version is the same.
 */
export async function rollBackDefinition(app: AppConfig, d: DefinitionRollback, files: FileEditor, before: string | undefined): Promise<{ repository: string; from: string; to: string } | undefined> {
  if (before === undefined) return undefined;
  let to: string;
  try {
    to = readVersionAt(before, definitionPlace(before, app.name, d.file), d.file);
  } catch (error) {
    if (error instanceof WriteBackError) return undefined;
    throw error;
  }
  const now = await files.readFile(d.file);
  const place = definitionPlace(now, app.name, d.file);
  const from = readVersionAt(now, place, d.file);
  if (from === to) return undefined;
  await files.writeFile(d.file, writeVersionAt(now, place, to, d.file));
  return { repository: d.key, from, to };
}

/** The app with its chart at `version`: as its definition says once the index reads the new commit. */
export function withChartVersion(app: AppConfig, version: string): AppConfig {
  if (!("helm" in app.render)) return app;
  const { helm } = app.render;
  const { chart } = helm;
  if (!chart || chart.version === version) return app;
  return { ...app, render: { helm: { ...helm, chart: { ...chart, version } } } };
}
