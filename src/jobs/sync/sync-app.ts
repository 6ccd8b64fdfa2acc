import type { AppConfig } from "../../core/config/app-config.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import type { ResourceResult } from "../../engine/sync/sync-result.ts";
import type { GitWorkspace } from "../../adapters/git/git-workspace.ts";
import type { Health } from "../../engine/health/health-status.ts";
import { syncRevision } from "./sync-revision.ts";
import type { PhaseResult } from "../../engine/record/phase-result.ts";
import { continueSync } from "./continue-sync.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { notifyAfterSync } from "../notify/notify-after-sync.ts";
import { withRecordSessions } from "./record-session.ts";

export interface SyncOutcome {
  revision: string;
  /** waiting: applied up to a wave or hook that has not finished; a later job continues the sync. */
  status: "synced" | "already-synced" | "out-of-sync" | "failed" | "waiting";
  resources: ResourceResult[];
  /** Each phase's result (PreSync, Sync, PostSync, SyncFail), for apps with hooks or waves. */
  phases?: PhaseResult[];
  /** The app's health when the sync stopped following it. */
  health?: Health;
  message?: string;
}

/** What a sync needs of the worker's wiring. */
export type SyncDeps = Pick<WorkerDeps, "destinationFor" | "render" | "logger" | "now" | "sleep" | "queue">
  & Partial<Pick<WorkerDeps, "notifications" | "appIndex">>;

export interface SyncTrigger {
  trigger: string;
  deliveryId: string;
  /** The webhook provider that delivered it, when one did. */
  provider?: string | undefined;
}

/**
 * Renders the checked-out revision and brings the app's destination to it (see syncRevision),
 * reading the app's record once and writing it once, when the sync is done. A render that failed
 * for good is recorded, then ends the job for good; a sync that waits for a wave or hook is
 * recorded, then continued by a follow-up job on the queue.
 */
export async function syncApp(app: AppConfig, workspace: GitWorkspace, cause: SyncTrigger, shared: SyncDeps): Promise<SyncOutcome> {
  const deps = withRecordSessions(shared);
  const destination = deps.destinationFor(app);
  const stored = await destination.loadRecord(app.name);
  const started = deps.now().getTime();
  const { outcome, change, final, continueAt } = await syncRevision(app, workspace, cause, deps, stored.record);
  await writeRecordChange(destination, app.name, stored, change);
  const healthyAfterMs = deps.now().getTime() - started;
  if (final) throw final; // reported, and notified, as the job's failure
  await notifyAfterSync({ app, cause, previous: stored.record, outcome: { ...outcome, healthyAfterMs }, workspaceDir: workspace.dir }, deps);
  if (continueAt) await continueSync(app, cause, outcome.revision, continueAt, deps);
  return outcome;
}
