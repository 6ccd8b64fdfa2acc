import type { AppConfig } from "../../core/config/app-config.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import type { AppRecord } from "../record/app-record.ts";
import type { PhaseResult } from "../record/phase-result.ts";
import type { AppDiff, Capabilities, HealthReport, ResourceResult, SyncRun } from "../sync/sync-result.ts";
import type { SyncOptions } from "../sync/sync-objects.ts";
import type { KnownObjects } from "../sync/live-health.ts";

/** An app's record as read, with the version a conditional write is checked against. */
export interface StoredRecord {
  readonly record: AppRecord | undefined;
  /** Opaque (a ConfigMap's resourceVersion, a digest of a file); undefined when nothing is stored. */
  readonly version: string | undefined;
}

/** Where an app's rendered objects go: a cluster, or a folder when there is no cluster. */
export interface Destination {
  /** Cluster or folder name, for reports. */
  readonly name: string;
  readRecord(app: string): Promise<AppRecord | undefined>;
  /** The record with its version, for `storeRecord`. */
  loadRecord(app: string): Promise<StoredRecord>;
  /**
   * Writes the record only while what is stored is still at `version` (undefined: nothing is
   * stored yet, so of two creators one wins); otherwise throws RecordConflictError, writing nothing.
   * Resolves with the version now stored, when the destination can tell it without another read.
   */
  storeRecord(record: AppRecord, version: string | undefined): Promise<string | undefined>;
  /** Every app record kept here. */
  listRecords(): Promise<AppRecord[]>;
  deleteRecord(app: string): Promise<void>;
  capabilities(): Promise<Capabilities | undefined>;
  /** Compares rendered objects with live ones; `inventory` finds what is live but no longer rendered. */
  diff(app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[]): Promise<AppDiff>;
  /**
   * Applies every object (one failure does not stop the others) and prunes by the app's policy.
   * `force` takes fields other managers hold even when the app's policy does not ask for it.
   */
  sync(app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[], options?: { force?: boolean; resume?: SyncRun["pending"]; waitBudgetMs?: number; onProgress?: SyncOptions["onProgress"] }): Promise<SyncRun>;
  /** Deletes leftovers (inventory keys), only those still annotated as the app's. */
  prune(app: AppConfig, keys: readonly string[]): Promise<ResourceResult[]>;
  /** Live health of the objects, folded into the app's; `known` objects are not read again when they need not be. */
  health(app: AppConfig, keys: readonly string[], known?: KnownObjects): Promise<HealthReport>;
  /** Deletes everything the app manages, with its propagation policy (or the one given). */
  deleteApp(app: AppConfig, inventory: readonly string[], propagation?: AppConfig["syncPolicy"]["prunePropagationPolicy"]): Promise<ResourceResult[]>;
  /** Runs the PostDelete hooks among the app's rendered objects, once its resources are gone; a folder has none to run. */
  runPostDelete?(app: AppConfig, manifests: readonly Manifest[]): Promise<{ results: ResourceResult[]; phases: PhaseResult[] }>;
}
