import type { AppConfig } from "../../core/config/app-config.ts";
import type { RecordChange } from "../../engine/destination/write-record-change.ts";
import type { SyncProgress } from "../../engine/sync/step-parts.ts";
import type { SyncRun } from "../../engine/sync/sync-result.ts";
import type { SyncWait } from "../../engine/record/sync-wait.ts";
import type { SyncDeps } from "./sync-app.ts";
import { record, type SyncedRevision } from "./sync-revision.ts";

/** How long one job waits for a wave or hook before a follow-up job takes the wait over. */
export const WAIT_BUDGET_MS = 5_000;
/** When the follow-up job looks again. */
export const CONTINUE_AFTER_MS = 20_000;

interface Waiting {
  readonly revision: string;
  readonly images: Record<string, string>;
  readonly trigger: string;
  readonly deliveryId: string;
  readonly startedAt: string;
}

/**
 * A sync that waits for a wave or hook: the record keeps where it stands (syncWait) and what it
 * applied so far (inventory), the applied revision and its baselines stay as they were until
 * the sync finishes, and the job asks to be continued.
 */
export function waitingRevision(
  app: AppConfig,
  a: Waiting,
  run: SyncRun,
  pending: SyncProgress,
  deps: SyncDeps,
): SyncedRevision {
  const syncWait: SyncWait = { revision: a.revision, trigger: a.trigger, deliveryId: a.deliveryId, startedAt: a.startedAt, ...pending };
  const running = pending.phases.find((p) => p.status === "Running");
  const where = running ? `${running.phase} wave ${running.waves.at(-1) ?? 0} waits` : "waits";
  const message = `syncing ${a.revision.slice(0, 12)}: ${where}${running?.message ? `: ${running.message}` : ""}`;
  const change: RecordChange = (current) => record(app, current, {
    revision: current?.revision ?? "", images: current?.images ?? {}, inventory: run.inventory,
    sync: { status: "OutOfSync", message }, health: { status: "Progressing", message }, syncWait,
  }, current?.revision ?? "");
  deps.logger.info("sync waits", { app: app.name, revision: a.revision, deliveryId: a.deliveryId, step: pending.step });
  const outcome = { revision: a.revision, status: "waiting" as const, resources: run.results, phases: pending.phases, message };
  return { outcome, change, ...(deps.queue ? { continueAt: new Date(deps.now().getTime() + CONTINUE_AFTER_MS) } : {}) };
}
