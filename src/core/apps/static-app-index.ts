import { createHash } from "node:crypto";
import type { SluiceConfig } from "../config/app-config.ts";
import type { AppIndex, IndexedApp } from "./app-index.ts";

/** The index of the apps declared inline in sluice.yaml: what Sluice knows before any app source is read. */
export function staticAppIndex(config: SluiceConfig): AppIndex {
  const entries: IndexedApp[] = config.apps.map((app) => ({ app, definedIn: "sluice.yaml", labels: {} }));
  const byName = new Map(entries.map((entry) => [entry.app.name, entry]));
  const revision = createHash("sha256").update(JSON.stringify(config.apps)).digest("hex").slice(0, 16);
  return { revision, entries, get: (name) => byName.get(name), problems: [] };
}
