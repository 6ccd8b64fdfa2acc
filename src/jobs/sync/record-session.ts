import type { AppConfig } from "../../core/config/app-config.ts";
import type { Destination, StoredRecord } from "../../engine/destination/destination.ts";
import { RecordConflictError } from "../../engine/destination/record-conflict-error.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";

/**
 * One job's view of its destinations' records. A job that writes an app's record twice (the
 * sync it begins, then its outcome) reads it once: after its own write, a read is answered with
 * what it wrote at the version the write returned, and a write made on an older read is turned
 * back at once, as the API server would, so writeRecordChange makes it again on the newer record
 * without a round trip. A real conflict forgets what the job knew: the next read asks again.
 */
export function withRecordSessions<D extends { destinationFor(app: AppConfig): Destination }>(deps: D): D {
  const sessions = new Map<Destination, Destination>();
  const destinationFor = (app: AppConfig): Destination => {
    const inner = deps.destinationFor(app);
    let session = sessions.get(inner);
    if (!session) sessions.set(inner, session = recordSession(inner));
    return session;
  };
  return { ...deps, destinationFor };
}

/** `destination` with the records it read or wrote remembered per app; everything else passes through. */
export function recordSession(destination: Destination): Destination {
  const known = new Map<string, StoredRecord>();
  const copy = (stored: StoredRecord): StoredRecord => ({ record: stored.record && structuredClone(stored.record), version: stored.version });
  const loadRecord = async (app: string): Promise<StoredRecord> => {
    const seen = known.get(app);
    if (seen) return copy(seen);
    const read = await destination.loadRecord(app);
    known.set(app, copy(read));
    return read;
  };
  const storeRecord = async (record: AppRecord, version: string | undefined): Promise<string | undefined> => {
    const seen = known.get(record.app);
    if (seen && seen.version !== version) throw new RecordConflictError(record.app);
    try {
      const stored = await destination.storeRecord(record, version);
      if (stored === undefined) known.delete(record.app);
      else known.set(record.app, { record: structuredClone(record), version: stored });
      return stored;
    } catch (error) {
      known.delete(record.app);
      throw error;
    }
  };
  const deleteRecord = async (app: string): Promise<void> => {
    known.delete(app);
    await destination.deleteRecord(app);
  };
  const own: Partial<Destination> = { loadRecord, storeRecord, deleteRecord };
  return new Proxy(destination, {
    get(target, key) {
      if (key === "loadRecord" || key === "storeRecord" || key === "deleteRecord") return own[key];
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
