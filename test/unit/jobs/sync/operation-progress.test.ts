import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { beginOperation } from "../../../../src/jobs/sync/begin-operation.ts";
import { operationProgress, PROGRESS_INTERVAL_MS } from "../../../../src/jobs/sync/operation-progress.ts";
import { FakeDestination } from "./sync-fake-destination.ts";

const OLD = "1".repeat(40);
const NEW = "2".repeat(40);
const START = "2026-01-01T00:00:00.000Z";
const synced = { app: "web", revision: OLD, images: {}, sync: { status: "Synced" as const }, health: { status: "Healthy" as const }, inventory: [], history: [] };
const operation = { phase: "Running" as const, revision: NEW, trigger: "image-update", deliveryId: "d-1", startedAt: START, objects: 9 };

describe("a sync's operation progress", () => {
  it("writes the objects applied at most once per interval, a count told sooner once the interval is up, only while the record holds this operation", async () => {
    // Prepare: the operation began at START; a clock the test moves; sleeps the test ends.
    const destination = new FakeDestination();
    destination.record = { ...synced, operation };
    let now = Date.parse(START);
    const wakes: (() => void)[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => wakes.push(() => { now += ms; resolve(); }));
    const progress = operationProgress(destination, "web", operation, { now: () => new Date(now), sleep, logger: silentLogger });
    const wake = async () => {
      wakes.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 0));
    };

    // Act: two tiers done at once; the interval passes (a wave's wait); one more tier right after.
    await progress.report(2);
    await progress.report(5);
    const early = destination.writes.length;
    await wake();
    await progress.stop();
    const first = destination.record?.operation?.applied;
    await progress.report(7);
    await wake();

    // Assess: one write, of the latest count, when the interval was up; nothing once stopped.
    expect(early).toBe(0);
    expect(first).toBe(5);
    expect(destination.writes).toHaveLength(1);
    expect(destination.writes[0]?.operation).toEqual({ ...operation, applied: 5 });
  });

  it("writes nothing on a record another sync's operation took over", async () => {
    // Prepare
    const destination = new FakeDestination();
    destination.record = { ...synced, operation: { ...operation, deliveryId: "d-2", startedAt: "2026-01-01T00:00:05.000Z" } };
    const later = Date.parse(START) + PROGRESS_INTERVAL_MS;
    const progress = operationProgress(destination, "web", operation, { now: () => new Date(later), sleep: async () => {}, logger: silentLogger });

    // Act
    await progress.report(9);
    await progress.stop();

    // Assess
    expect(destination.writes).toEqual([]);
  });

  it("records an operation left in the record as interrupted where it stopped, when the next sync begins", async () => {
    // Prepare: a sync to NEW got to 4 of 9 objects, then its worker died.
    const destination = new FakeDestination();
    destination.record = { ...synced, operation: { ...operation, applied: 4 } };
    const next = { ...operation, deliveryId: "d-1", startedAt: "2026-01-01T00:00:30.000Z" };

    // Act: the redelivered job begins the sync again.
    await beginOperation(destination, "web", next);

    // Assess: its history says where the first one stopped; the record holds the new operation.
    expect(destination.record?.history[0]).toEqual({ at: next.startedAt, revision: NEW, trigger: "image-update", deliveryId: "d-1", result: "Failed", message: "interrupted at 4 of 9 objects" });
    expect(destination.record?.operation).toEqual(next);
    expect(destination.record?.revision).toBe(OLD);
  });
});
