import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import type { Destination, StoredRecord } from "../../../../src/engine/destination/destination.ts";
import { RecordConflictError } from "../../../../src/engine/destination/record-conflict-error.ts";
import type { AppDiff, HealthReport, ResourceResult, SyncRun } from "../../../../src/engine/sync/sync-result.ts";
import type { Health } from "../../../../src/engine/health/health-status.ts";

/** A Destination that records what it is asked and answers from a script. */
export class FakeDestination implements Destination {
  readonly name = "fake";
  private stored: AppRecord | undefined;
  /** Moves on every change of `record`, as a resourceVersion does; storeRecord checks it. */
  private generation = 0;
  /** Runs inside storeRecord before the version check: a test's racing writer. */
  beforeStore: (() => void) | undefined;
  get record(): AppRecord | undefined {
    return this.stored;
  }
  set record(record: AppRecord | undefined) {
    this.stored = record;
    this.generation += 1;
  }
  readonly writes: AppRecord[] = [];
  /** Record reads, of either kind. */
  reads = 0;
  readonly calls: string[] = [];
  diffResult: AppDiff = { resources: [] };
  run: SyncRun = { results: [], rendered: [], inventory: [], deferredPrune: [] };
  /** Health answers in order; the last repeats. */
  healths: Health[] = [{ status: "Healthy" }];
  pruned: ResourceResult[] = [];

  async readRecord(_app?: string): Promise<AppRecord | undefined> {
    this.reads += 1;
    return this.record && structuredClone(this.record);
  }
  async loadRecord(_app?: string): Promise<StoredRecord> {
    this.reads += 1;
    return { record: this.record && structuredClone(this.record), version: this.record ? String(this.generation) : undefined };
  }
  /** An unconditional write, as another writer's (it is not part of Destination). */
  async writeRecord(record: AppRecord): Promise<void> {
    this.writes.push(structuredClone(record));
    this.record = structuredClone(record);
  }
  async storeRecord(record: AppRecord, version: string | undefined): Promise<string> {
    this.beforeStore?.();
    if (version !== (this.record ? String(this.generation) : undefined)) throw new RecordConflictError(record.app);
    this.writes.push(structuredClone(record));
    this.record = structuredClone(record);
    return String(this.generation);
  }
  async listRecords(): Promise<AppRecord[]> {
    return this.record ? [this.record] : [];
  }
  async deleteRecord(): Promise<void> {
    this.calls.push("deleteRecord");
    this.record = undefined;
  }
  async capabilities() {
    return undefined;
  }
  async diff(): Promise<AppDiff> {
    this.calls.push("diff");
    return this.diffResult;
  }
  /** The options of each sync call, in order. */
  readonly syncOptions: Parameters<Destination["sync"]>[3][] = [];
  /** Runs answered by sync in order before `run`. */
  runs: SyncRun[] = [];
  async sync(_app: unknown, _manifests: unknown, inventory: readonly string[], options?: Parameters<Destination["sync"]>[3]): Promise<SyncRun> {
    this.calls.push(`sync with inventory ${inventory.join(",")}`);
    this.syncOptions.push(options);
    return this.runs.shift() ?? this.run;
  }
  async prune(_app: unknown, keys: readonly string[]): Promise<ResourceResult[]> {
    this.calls.push(`prune ${keys.join(",")}`);
    return this.pruned;
  }
  async health(): Promise<HealthReport> {
    this.calls.push("health");
    const next = this.healths.length > 1 ? this.healths.shift() : this.healths[0];
    return { ...(next ?? { status: "Unknown" }), resources: [] };
  }
  async deleteApp(_app: unknown, inventory: readonly string[], propagation?: string): Promise<ResourceResult[]> {
    this.calls.push(`deleteApp ${inventory.join(",")} ${propagation ?? "(app policy)"}`);
    return this.pruned;
  }
}
