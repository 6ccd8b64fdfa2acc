import { describe, expect, it } from "vitest";
import { writeRecordChange } from "../../../../src/engine/destination/write-record-change.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import { beginOperation } from "../../../../src/jobs/sync/begin-operation.ts";
import { recordSession } from "../../../../src/jobs/sync/record-session.ts";
import { FakeDestination } from "./sync-fake-destination.ts";

const base: AppRecord = { app: "shop", revision: "1".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [] };
const operation = { phase: "Running" as const, revision: "2".repeat(40), trigger: "webhook", deliveryId: "d-1", objects: 3, startedAt: "2026-01-01T00:00:00.000Z" };
const synced = (current: AppRecord | undefined): AppRecord | undefined => current && { ...current, revision: "2".repeat(40), operation: undefined };

describe("recordSession", () => {
  it("reads the record once for a job that begins a sync and then writes its outcome on the read it started from", async () => {
    // Prepare
    const fake = new FakeDestination();
    fake.record = base;
    const session = recordSession(fake);
    const stored = await session.loadRecord("shop");

    // Act: as syncApp does: the operation begun, then the outcome written on the job's first read
    await beginOperation(session, "shop", operation);
    await writeRecordChange(session, "shop", stored, synced);

    // Assess: one read, two writes, the second made on the first
    expect(fake.reads).toBe(1);
    expect(fake.writes.map((w) => w.operation?.phase ?? "none")).toEqual(["Running", "none"]);
    expect(fake.record?.revision).toBe("2".repeat(40));
  });

  it("reads again after another writer moved the record, keeping that writer's change", async () => {
    // Prepare: someone else writes between the job's two writes
    const fake = new FakeDestination();
    fake.record = base;
    const session = recordSession(fake);
    const stored = await session.loadRecord("shop");
    await beginOperation(session, "shop", operation);
    await fake.writeRecord({ ...structuredClone(fake.record ?? base), written: { "registry.example/shop": "1.2.0" } });

    // Act
    await writeRecordChange(session, "shop", stored, synced);

    // Assess: the conflict was the server's, so the record was read again and both changes stand
    expect(fake.reads).toBe(2);
    expect(fake.record?.written).toEqual({ "registry.example/shop": "1.2.0" });
    expect(fake.record?.revision).toBe("2".repeat(40));
    expect(fake.record?.operation).toBeUndefined();
  });

  it("forgets a deleted record, so the next read asks the destination", async () => {
    // Prepare
    const fake = new FakeDestination();
    fake.record = base;
    const session = recordSession(fake);
    await session.loadRecord("shop");

    // Act
    await session.deleteRecord("shop");
    const after = await session.loadRecord("shop");

    // Assess
    expect(after.record).toBeUndefined();
    expect(fake.reads).toBe(2);
  });
});
