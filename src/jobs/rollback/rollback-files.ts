import { posix } from "node:path";
import type { AppConfig } from "../../core/config/app-config.ts";
import { chartRollbackFiles } from "../charts/chart-rollback-moves.ts";

/**
 * The repo-relative files a rollback restores: where the app's image tags are written, the Chart.yaml
 * whose dependency versions Sluice updates, and its Helm value files (relative to the app's path, or
 * to the repo root after `$values/`). Files that would leave the repository are not the app's to restore.
 */
export function rollbackFiles(app: AppConfig): string[] {
  const files = [...app.images.map((i) => posix.normalize(i.write.file)), ...chartRollbackFiles(app)];
  if ("helm" in app.render) {
    for (const file of app.render.helm.valueFiles) {
      files.push(file.startsWith("$values/") ? posix.normalize(file.slice("$values/".length)) : posix.join(app.source.path, file));
    }
  }
  return [...new Set(files)].filter((f) => f !== ".." && !f.startsWith("../") && !posix.isAbsolute(f));
}
