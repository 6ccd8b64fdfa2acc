import type { Destination } from "../../engine/destination/destination.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import { withHistory, type AppRecord } from "../../engine/record/app-record.ts";
import type { OperationState } from "../../engine/record/operation-state.ts";
import { interruptedAt } from "./operation-progress.ts";

/**
 * Records that a sync to a revision is running, before its first apply: if the worker dies or the
 * API server goes away part way, status shows Syncing instead of the old revision's Synced. An app
 * never synced gets a record that says only that. An operation still in the record was cut off
 * (one sync per app runs at a time): its history entry says where it stopped.
 */
export async function beginOperation(destination: Pick<Destination, "loadRecord" | "storeRecord">, app: string, operation: OperationState): Promise<void> {
  const stored = await destination.loadRecord(app);
  await writeRecordChange(destination, app, stored, (current): AppRecord => {
    const base = current ?? { app, revision: "", images: {}, sync: { status: "OutOfSync" }, health: { status: "Missing" }, inventory: [], history: [] };
    const left = base.operation;
    const history = left && left.startedAt !== operation.startedAt
      ? withHistory(base.history, { at: operation.startedAt, revision: left.revision, trigger: left.trigger, deliveryId: left.deliveryId, result: "Failed", message: interruptedAt(left) })
      : base.history;
    return { ...base, history, operation };
  });
}
