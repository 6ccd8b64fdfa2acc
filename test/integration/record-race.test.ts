// App records on the real API server: writers that race on one record's ConfigMap lose nothing
// (the resourceVersion precondition and create-only POST are the API server's own), and a
// write made on a record read before another writer moved it is refused.
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { RecordConflictError } from "../../src/engine/destination/record-conflict-error.ts";
import { writeRecordChange } from "../../src/engine/destination/write-record-change.ts";
import type { AppRecord } from "../../src/engine/record/app-record.ts";

const base = (app: string): AppRecord => ({ app, revision: "1".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [] });

/** One writer's change: its own entry of `written`, made on whatever record is current. */
const writes = (app: string, n: number) => (current: AppRecord | undefined): AppRecord => ({ ...(current ?? base(app)), written: { ...current?.written, [`registry.invalid/image-${n}`]: `1.0.${n}` } });

describe("app records on a real API server", () => {
  // Separate clients, as separate workers have: nothing is shared but the API server.
  let writers: ClusterDestination[];

  beforeAll(() => {
    writers = [1, 2, 3, 4].map((n) => {
      const kc = new KubeConfig();
      kc.loadFromFile(inject("kubeconfig"));
      return new ClusterDestination(kc, { name: `writer-${n}` });
    });
  });

  it("keeps every change of writers that race to create and then update one record", async () => {
    // Prepare: each writer reads first, so all but one create on a record that then exists
    const app = "record-race";
    await writers[0]?.deleteRecord(app);
    const reads = await Promise.all(writers.map((w) => w.loadRecord(app)));

    // Act: eight changes, two per writer, all at once
    await Promise.all([...writers, ...writers].map((w, n) => writeRecordChange(w, app, reads[n % writers.length] ?? { record: undefined, version: undefined }, writes(app, n))));

    // Assess
    const record = await writers[0]?.readRecord(app);
    expect(Object.keys(record?.written ?? {}).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `registry.invalid/image-${n}`));
  });

  it("refuses a write made on a record another writer changed, or created, since it was read", async () => {
    // Prepare
    const [a, b] = writers;
    if (!a || !b) throw new Error("no writers");
    const app = "record-stale";
    await a.deleteRecord(app);
    const none = await a.loadRecord(app);
    await b.storeRecord(base(app), undefined);
    const first = await a.loadRecord(app);
    await b.storeRecord({ ...base(app), revision: "2".repeat(40) }, first.version);

    // Act
    const created = await a.storeRecord(base(app), none.version).then(() => undefined, (e: unknown) => e);
    const updated = await a.storeRecord(base(app), first.version).then(() => undefined, (e: unknown) => e);

    // Assess: neither stale write landed
    expect(created).toBeInstanceOf(RecordConflictError);
    expect(updated).toBeInstanceOf(RecordConflictError);
    expect((await a.readRecord(app))?.revision).toBe("2".repeat(40));
  });

  it("does not bring back a record deleted since it was read", async () => {
    // Prepare
    const [a, b] = writers;
    if (!a || !b) throw new Error("no writers");
    const app = "record-deleted";
    await a.deleteRecord(app);
    await a.storeRecord(base(app), undefined);
    const read = await a.loadRecord(app);
    await b.deleteRecord(app);

    // Act
    const error = await a.storeRecord({ ...base(app), revision: "3".repeat(40) }, read.version).then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RecordConflictError);
    expect(await a.readRecord(app)).toBeUndefined();
  });
});
