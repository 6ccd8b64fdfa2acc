import type { AppConfig, SluiceConfig } from "../../core/config/app-config.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { StatusRow } from "./status-row.ts";
import { recordNotes } from "./record-notes.ts";
import { interruptedAt } from "../sync/operation-progress.ts";

/**
 * Every configured app's row from its record, with health read live from its objects unless
 * `cached` (then the health the last sync recorded). Records of apps no longer configured are
 * listed too, so nothing Sluice deployed goes unseen. With an `index`, its apps (from app sources
 * and app sets too) are the configured ones; `idle` names the apps the sweep removed as idle, with when it found them idle.
 */
export async function collectStatus(
  config: SluiceConfig,
  destinationFor: (app: AppConfig) => Destination,
  options: { cached?: boolean; index?: AppIndex; idle?: ReadonlyMap<string, string> } = {},
): Promise<StatusRow[]> {
  const apps = options.index ? options.index.entries.map((e) => e.app) : config.apps;
  const clusterOf = (app: AppConfig) => ("cluster" in app.destination ? app.destination.cluster : app.destination.directory);
  const rows = await Promise.all(apps.map(async (app): Promise<StatusRow> => {
    const destination = destinationFor(app);
    try {
      const record = await destination.readRecord(app.name);
      if (!record) {
        const idleSince = options.idle?.get(app.name);
        const message = idleSince ? `idle since ${idleSince}: removed until a push to its branch brings it back` : "never synced";
        return { cluster: clusterOf(app), app: app.name, revision: "", sync: "OutOfSync", health: "Missing", message };
      }
      const health = options.cached ? record.health : await destination.health(app, record.inventory);
      const op = record.operation;
      // Nothing in the record tells a sync still applying from one whose worker is gone: say both.
      const running = op && `sync to ${op.revision.slice(0, 12)} began ${op.startedAt} and has not finished: ${interruptedAt(op)}, or still running`;
      const message = [running, record.sync.message, ...recordNotes(record), health.status !== "Healthy" ? health.message : undefined].filter(Boolean).join("; ");
      // A sync under way (or cut off) is the truth about the app, not the applied revision's status.
      return { cluster: clusterOf(app), app: app.name, revision: record.revision, sync: op ? "Syncing" : record.sync.status, health: health.status, ...(record.history[0] ? { lastChange: record.history[0].at } : {}), ...(message ? { message } : {}) };
    } catch (error) {
      return { cluster: clusterOf(app), app: app.name, revision: "", sync: "Unknown", health: "Unknown", message: `cannot read: ${error instanceof Error ? error.message : String(error)}` };
    }
  }));
  const configured = new Set(apps.map((a) => a.name));
  const seen = new Set<Destination>();
  for (const app of apps) {
    const destination = destinationFor(app);
    if (seen.has(destination)) continue;
    seen.add(destination);
    const records = await destination.listRecords().catch(() => []);
    for (const record of records) {
      if (configured.has(record.app)) continue;
      rows.push({ cluster: clusterOf(app), app: record.app, revision: record.revision, sync: "Unknown", health: record.health.status, message: "not in the configuration: `sluice delete` needs it configured to remove it", ...(record.history[0] ? { lastChange: record.history[0].at } : {}) });
    }
  }
  return rows;
}
