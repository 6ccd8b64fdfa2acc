import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DirectoryDestination } from "../../../../src/engine/destination/directory-destination.ts";
import { RecordConflictError } from "../../../../src/engine/destination/record-conflict-error.ts";
import { writeRecordChange } from "../../../../src/engine/destination/write-record-change.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";

const base: AppRecord = { app: "shop", revision: "1".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [], history: [] };
const withTag = (n: number) => (current: AppRecord | undefined): AppRecord => ({ ...(current ?? base), written: { ...current?.written, [`image-${n}`]: `1.0.${n}` } });

describe("DirectoryDestination's record", () => {
  it("keeps every change of writers racing on one folder, the first of them creating the file", async () => {
    // Prepare: a destination per writer, as separate workers have
    const dir = await mkdtemp(join(tmpdir(), "sluice-directory-record-"));
    const writers = [1, 2, 3, 4].map(() => new DirectoryDestination(dir));
    const reads = await Promise.all(writers.map((w) => w.loadRecord("shop")));

    // Act
    await Promise.all([...writers, ...writers].map((w, n) => writeRecordChange(w, "shop", reads[n % 4] ?? { record: undefined, version: undefined }, withTag(n))));

    // Assess
    const record = await new DirectoryDestination(dir).readRecord("shop");
    expect(Object.keys(record?.written ?? {}).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => `image-${n}`));
    expect((await readdir(dir)).sort()).toEqual(["record.json"]);
  });

  it("refuses a write made on the file as it was before another writer replaced it", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "sluice-directory-record-"));
    const [a, b] = [new DirectoryDestination(dir), new DirectoryDestination(dir)];
    const none = await a.loadRecord("shop");
    await b.storeRecord(base, undefined);
    const first = await a.loadRecord("shop");
    await b.storeRecord({ ...base, revision: "2".repeat(40) }, first.version);

    // Act
    const created = await a.storeRecord(base, none.version).then(() => undefined, (e: unknown) => e);
    const updated = await a.storeRecord(base, first.version).then(() => undefined, (e: unknown) => e);

    // Assess
    expect([created, updated]).toEqual([expect.any(RecordConflictError), expect.any(RecordConflictError)]);
    expect((await a.readRecord("shop"))?.revision).toBe("2".repeat(40));
  });
});
