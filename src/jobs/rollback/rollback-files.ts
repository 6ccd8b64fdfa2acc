import { posix } from "node:path";
import type { AppConfig } from "../../core/config/app-config.ts";

/**
 * The repo-relative files a rollback restores: where the app's image tags are written, and its Helm
 * value files (relative to the app's path, or to the repo root after `$values/`). Files that would
 * leave the repository are not the app's to restore.
 */
export function rollbackFiles(app: AppConfig): string[] {
  const files = app.images.map((i) => posix.normalize(i.write.file));
  if ("helm" in app.render) {
    for (const file of app.render.helm.valueFiles) {
      files.push(file.startsWith("$values/") ? posix.normalize(file.slice("$values/".length)) : posix.join(app.source.path, file));
    }
  }
  return [...new Set(files)].filter((f) => f !== ".." && !f.startsWith("../") && !posix.isAbsolute(f));
}
