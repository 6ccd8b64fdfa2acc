import type { FileEditor } from "../../adapters/git/branch-editor.ts";
import type { AppConfig } from "../../core/config/app-config.ts";
import { chartFileOf } from "../../core/charts/chart-file.ts";
import { chartKey } from "../../core/charts/chart-key.ts";
import { dependencyPlace, readVersionAt } from "../../engine/writeback/chart-version-place.ts";
import { WriteBackError } from "../../engine/writeback/write-back-error.ts";

/** The repo-relative files a rollback restores for an app's chart updates: its Chart.yaml, when it updates dependencies. */
export function chartRollbackFiles(app: AppConfig): string[] {
  return "helm" in app.render && (app.render.helm.dependencyUpdates?.length ?? 0) > 0 ? [chartFileOf(app)] : [];
}

/**
 * Each `dependencyUpdates` dependency whose version a rollback moves: the version at the head (from)
 * and the one restored (to), keyed by chartKey, so the rollback holds it as it holds an image. A
 * dependency that either file does not have is not moved by the rollback's own account.
 */
export async function chartRollbackMoves(app: AppConfig, files: FileEditor, earlier: ReadonlyMap<string, string>): Promise<{ repository: string; from: string; to: string }[]> {
  const [file] = chartRollbackFiles(app);
  const before = file === undefined ? undefined : earlier.get(file);
  if (file === undefined || before === undefined || !("helm" in app.render)) return [];
  const now = await files.readFile(file);
  const moved: { repository: string; from: string; to: string }[] = [];
  for (const update of app.render.helm.dependencyUpdates ?? []) {
    try {
      const place = dependencyPlace(now, update.name, file);
      const from = readVersionAt(now, place, file);
      const to = readVersionAt(before, dependencyPlace(before, update.name, file), file);
      if (from !== to) moved.push({ repository: chartKey(place.repository, place.chart), from, to });
    } catch (error) {
      if (!(error instanceof WriteBackError)) throw error;
    }
  }
  return moved;
}
