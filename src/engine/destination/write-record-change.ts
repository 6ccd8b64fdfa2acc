import { isDeepStrictEqual } from "node:util";
import type { AppRecord } from "../record/app-record.ts";
import type { Destination, StoredRecord } from "./destination.ts";
import { RecordConflictError } from "./record-conflict-error.ts";

/**
 * A job's change to an app record, as a function of the record, so that it can be made again on
 * a newer one; undefined writes nothing.
 */
export type RecordChange = (current: AppRecord | undefined) => AppRecord | undefined;

// Each conflict means another writer landed, so each attempt lets one more through; ten in a
// row is contention worth a queue retry. No wait between: the read again is itself a round trip.
const ATTEMPTS = 10;

/**
 * Writes `change` of the record as `read` once, conditionally on its version; when another writer
 * moved it since, reads it again and makes the change on that, so neither write is lost. A change
 * that leaves the record as it is writes nothing. Returns the record as stored.
 */
export async function writeRecordChange(
  destination: Pick<Destination, "loadRecord" | "storeRecord">,
  app: string,
  read: StoredRecord,
  change: RecordChange,
): Promise<AppRecord | undefined> {
  let current = read;
  for (let attempt = 1; ; attempt += 1) {
    const next = change(current.record);
    if (next === undefined || isDeepStrictEqual(next, current.record)) return current.record;
    try {
      await destination.storeRecord(next, current.version);
      return next;
    } catch (error) {
      if (!(error instanceof RecordConflictError) || attempt >= ATTEMPTS) throw error;
      current = await destination.loadRecord(app);
    }
  }
}
