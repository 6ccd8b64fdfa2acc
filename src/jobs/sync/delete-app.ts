import type { AppConfig } from "../../core/config/app-config.ts";
import type { ResourceResult } from "../../engine/sync/sync-result.ts";
import type { SyncPolicy } from "../../core/config/sync-config.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { renderRecorded } from "./render-recorded.ts";

/** What deleting needs; with git and the renderer too, the app's PostDelete hooks run. */
export type DeleteDeps = Pick<WorkerDeps, "destinationFor" | "logger"> & Partial<Pick<WorkerDeps, "git" | "render" | "config" | "secrets">>;

/**
 * Deletes what an app manages (its inventory, only objects still annotated as the app's), with the
 * app's propagation policy or the one given, then runs its PostDelete hooks (rendered from the
 * applied revision), then deletes its record, unless something failed to delete.
 */
export async function deleteApp(
  app: AppConfig,
  deps: DeleteDeps,
  propagation?: SyncPolicy["prunePropagationPolicy"],
): Promise<ResourceResult[]> {
  const destination = deps.destinationFor(app);
  const record = await destination.readRecord(app.name);
  const results = await destination.deleteApp(app, record?.inventory ?? [], propagation);
  const failed = results.filter((r) => r.status === "failed");
  if (failed.length === 0) results.push(...await postDelete(app, record, destination, deps));
  if (failed.length === 0) await destination.deleteRecord(app.name);
  const deleted = results.filter((r) => r.status === "pruned").length;
  deps.logger.info("app deleted", { app: app.name, deleted, failed: failed.length, recordKept: failed.length > 0 });
  return results;
}

/** The PostDelete hooks' results; none when they cannot be rendered (a deletion does not wait on git). */
async function postDelete(
  app: AppConfig,
  record: AppRecord | undefined,
  destination: Destination,
  deps: DeleteDeps,
): Promise<ResourceResult[]> {
  const { git, render, config, secrets } = deps;
  if (!destination.runPostDelete || !record?.revision || !git || !render || !config || !secrets) return [];
  try {
    const manifests = await renderRecorded(app, record.revision, destination, { git, render, config, secrets });
    const ran = await destination.runPostDelete(app, manifests);
    if (ran.phases.length > 0) deps.logger.info("post-delete hooks ran", { app: app.name, phases: ran.phases.map((p) => `${p.phase}:${p.status}`) });
    return ran.results;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.logger.warn("post-delete hooks not run", { app: app.name, revision: record.revision, error: reason });
    return [];
  }
}
