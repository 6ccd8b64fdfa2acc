import type { Destination } from "../../engine/destination/destination.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import type { OperationState } from "../../engine/record/operation-state.ts";

/**
 * Records that a sync to a revision is running, before its first apply: if the worker dies or the
 * API server goes away part way, status shows Syncing instead of the old revision's Synced. An app
 * never synced gets a record that says only that.
 */
export async function beginOperation(destination: Pick<Destination, "loadRecord" | "storeRecord">, app: string, operation: OperationState): Promise<void> {
  const stored = await destination.loadRecord(app);
  await writeRecordChange(destination, app, stored, (current): AppRecord => ({
    ...(current ?? { app, revision: "", images: {}, sync: { status: "OutOfSync" }, health: { status: "Missing" }, inventory: [], history: [] }),
    operation,
  }));
}
