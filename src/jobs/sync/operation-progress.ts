import type { Destination } from "../../engine/destination/destination.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import type { OperationState } from "../../engine/record/operation-state.ts";
import type { Logger } from "../../core/log/logger.ts";

/** Progress is written at most this often: a sync done within it costs no write beyond its begin. */
export const PROGRESS_INTERVAL_MS = 1_000;

export interface OperationProgress {
  /** Told the objects applied so far, at each tier's end (the engine's onProgress). */
  report(applied: number): Promise<void>;
  /** The sync returned: no more writes; resolves once one under way is done. */
  stop(): Promise<void>;
}

/**
 * Records how many objects the running operation has applied, on the record while it still holds
 * this operation, at most once per PROGRESS_INTERVAL_MS: a count reported sooner is written when
 * the interval is up (during a wave's wait, say) unless the sync has returned by then. A write
 * that fails (the API server going away is what it is for) is logged and the sync goes on.
 */
export function operationProgress(destination: Pick<Destination, "loadRecord" | "storeRecord">, app: string, operation: OperationState, deps: { now(): Date; sleep(ms: number): Promise<void>; logger: Logger }): OperationProgress {
  let last = Date.parse(operation.startedAt);
  let latest: number | undefined;
  let deferred = false;
  let stopped = false;
  let writing: Promise<void> = Promise.resolve();
  const ours = (op: OperationState | undefined): op is OperationState => op?.startedAt === operation.startedAt && op.deliveryId === operation.deliveryId;
  const write = (applied: number) => {
    last = deps.now().getTime();
    writing = writing.then(async () => {
      try {
        await writeRecordChange(destination, app, await destination.loadRecord(app), (current) =>
          current && ours(current.operation) && current.operation.applied !== applied ? { ...current, operation: { ...current.operation, applied } } : undefined);
      } catch (error) {
        deps.logger.warn("sync progress not recorded", { app, revision: operation.revision, deliveryId: operation.deliveryId, applied, error: error instanceof Error ? error.message : String(error) });
      }
    });
    return writing;
  };
  return {
    async report(applied) {
      latest = applied;
      const wait = PROGRESS_INTERVAL_MS - (deps.now().getTime() - last);
      if (wait <= 0) return write(applied);
      if (deferred) return;
      deferred = true;
      void deps.sleep(wait).then(() => {
        deferred = false;
        if (!stopped && latest !== undefined) return write(latest);
      });
    },
    async stop() {
      stopped = true;
      await writing;
    },
  };
}

/** How a cut-off operation is told: in status, and in the history entry of the sync after it. */
export function interruptedAt(operation: OperationState): string {
  return `interrupted at ${operation.applied ?? 0} of ${operation.objects} objects`;
}
