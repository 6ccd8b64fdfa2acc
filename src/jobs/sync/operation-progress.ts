import type { Destination } from "../../engine/destination/destination.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import type { OperationState } from "../../engine/record/operation-state.ts";
import type { Logger } from "../../core/log/logger.ts";

/** Progress is written at most this often: a sync done within it costs no write beyond its begin. */
export const PROGRESS_INTERVAL_MS = 1_000;

/**
 * The sync's progress callback: records how many objects the running operation has applied, at
 * tier boundaries and at most once per PROGRESS_INTERVAL_MS, on the record while it still holds
 * this operation. A write that fails (the API server going away is what it is for) is logged and
 * the sync goes on: the apply itself reports what the cluster did.
 */
export function operationProgress(destination: Pick<Destination, "loadRecord" | "storeRecord">, app: string, operation: OperationState, deps: { now(): Date; logger: Logger }): (applied: number) => Promise<void> {
  let last = Date.parse(operation.startedAt);
  const ours = (op: OperationState | undefined): op is OperationState => op?.startedAt === operation.startedAt && op.deliveryId === operation.deliveryId;
  return async (applied) => {
    const now = deps.now().getTime();
    if (now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    try {
      await writeRecordChange(destination, app, await destination.loadRecord(app), (current) =>
        current && ours(current.operation) ? { ...current, operation: { ...current.operation, applied } } : undefined);
    } catch (error) {
      deps.logger.warn("sync progress not recorded", { app, revision: operation.revision, deliveryId: operation.deliveryId, applied, error: error instanceof Error ? error.message : String(error) });
    }
  };
}

/** How a cut-off operation is told: in status, and in the history entry of the sync after it. */
export function interruptedAt(operation: OperationState): string {
  return `interrupted at ${operation.applied ?? 0} of ${operation.objects} objects`;
}
