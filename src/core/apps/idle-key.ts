import { createHash } from "node:crypto";
import type { IndexedApp } from "./app-index.ts";

/**
 * What a generated app's generator said of it (branch, sha, request number…), as one short key: an
 * app removed while idle comes back once this moves, which a push to its branch does.
 */
export function idleKey(entry: Pick<IndexedApp, "labels">): string {
  const sorted = Object.entries(entry.labels).sort(([a], [b]) => a.localeCompare(b));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}
