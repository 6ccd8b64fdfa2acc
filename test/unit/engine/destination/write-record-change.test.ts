import { describe, expect, it } from "vitest";
import { RecordConflictError } from "../../../../src/engine/destination/record-conflict-error.ts";
import { writeRecordChange } from "../../../../src/engine/destination/write-record-change.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import { FakeDestination } from "../../jobs/sync/sync-fake-destination.ts";

const base: AppRecord = { app: "shop", revision: "1".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [] };
const withTag = (n: number) => (current: AppRecord | undefined): AppRecord => ({ ...(current ?? base), written: { ...current?.written, [`image-${n}`]: `1.0.${n}` } });

describe("writeRecordChange", () => {
  it("keeps both changes of two writers that read the same version and write at once", async () => {
    // Prepare
    const destination = new FakeDestination();
    destination.record = base;
    const [a, b] = await Promise.all([destination.loadRecord(), destination.loadRecord()]);

    // Act
    await Promise.all([writeRecordChange(destination, "shop", a, withTag(1)), writeRecordChange(destination, "shop", b, withTag(2))]);

    // Assess: one write was refused, read again and made on the other's record
    expect(destination.record?.written).toEqual({ "image-1": "1.0.1", "image-2": "1.0.2" });
    expect(destination.writes).toHaveLength(2);
    expect(destination.reads).toBe(3);
  });

  it("lets one of two creators create the record and makes the other's change on it", async () => {
    // Prepare
    const destination = new FakeDestination();
    const none = await destination.loadRecord();

    // Act
    await Promise.all([writeRecordChange(destination, "shop", none, withTag(1)), writeRecordChange(destination, "shop", none, withTag(2))]);

    // Assess
    expect(destination.record?.written).toEqual({ "image-1": "1.0.1", "image-2": "1.0.2" });
  });

  it("makes the change again on a record another writer moved between its read and its write", async () => {
    // Prepare: the other writer lands inside the first store
    const destination = new FakeDestination();
    destination.record = base;
    let raced = false;
    destination.beforeStore = () => {
      if (!raced) destination.record = { ...base, health: { status: "Degraded", message: "by the other writer" } };
      raced = true;
    };

    // Act
    const stored = await writeRecordChange(destination, "shop", await destination.loadRecord(), withTag(1));

    // Assess
    expect(stored).toMatchObject({ health: { status: "Degraded" }, written: { "image-1": "1.0.1" } });
    expect(destination.record).toEqual(stored);
  });

  it("writes nothing for a change that leaves the record as it is", async () => {
    const destination = new FakeDestination();
    destination.record = base;
    await writeRecordChange(destination, "shop", await destination.loadRecord(), (current) => current && { ...current });
    await writeRecordChange(destination, "shop", await destination.loadRecord(), () => undefined);
    expect(destination.writes).toEqual([]);
  });

  it("gives a record that keeps moving back as a RecordConflictError after ten attempts", async () => {
    // Prepare
    const destination = new FakeDestination();
    destination.record = base;
    let moves = 0;
    destination.beforeStore = () => {
      moves += 1;
      destination.record = { ...base, revision: String(moves).repeat(40) };
    };

    // Act
    const error = await writeRecordChange(destination, "shop", await destination.loadRecord(), withTag(1)).then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RecordConflictError);
    expect(moves).toBe(10);
    expect(destination.writes).toEqual([]);
  });
});
