import type { AppConfig } from "../../core/config/app-config.ts";
import type { ResourceResult } from "../../engine/sync/sync-result.ts";
import type { SyncPolicy } from "../../core/config/sync-config.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";

/**
 * Deletes what an app manages (its inventory, only objects still annotated as the app's), with the
 * app's propagation policy or the one given, then its record, unless something failed to delete.
 */
export async function deleteApp(app: AppConfig, deps: Pick<WorkerDeps, "destinationFor" | "logger">, propagation?: SyncPolicy["prunePropagationPolicy"]): Promise<ResourceResult[]> {
  const destination = deps.destinationFor(app);
  const record = await destination.readRecord(app.name);
  const results = await destination.deleteApp(app, record?.inventory ?? [], propagation);
  const failed = results.filter((r) => r.status === "failed");
  if (failed.length === 0) await destination.deleteRecord(app.name);
  deps.logger.info("app deleted", { app: app.name, deleted: results.filter((r) => r.status === "pruned").length, failed: failed.length, recordKept: failed.length > 0 });
  return results;
}
