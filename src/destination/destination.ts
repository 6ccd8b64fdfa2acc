import type { AppConfig } from "../config/app-config.ts";
import type { ResourceDiff } from "../diff/resource-diff.ts";
import type { Health } from "../health/health-status.ts";
import type { Manifest } from "../render/manifest.ts";
import type { ObjectBaseline } from "../sweep/object-baseline.ts";
import type { AppRecord } from "./app-record.ts";

/** The outcome of one object in a sync, a prune or a deletion. */
export interface ResourceResult {
  /** inventoryKey: apiVersion/kind/namespace/name. */
  key: string;
  kind: string;
  name: string;
  namespace?: string;
  /** applied; unchanged (Synced, left alone by applyOutOfSyncOnly); pruned or deleted; skipped (with why); failed (with why). */
  status: "applied" | "unchanged" | "pruned" | "skipped" | "failed";
  message?: string;
}

/** What a server-side dry run shows: each rendered object's diff, and what is live but no longer rendered. */
export interface AppDiff {
  resources: ResourceDiff[];
}

/** The result of one sync. */
export interface SyncRun {
  results: ResourceResult[];
  /** inventoryKey of every rendered object. */
  rendered: string[];
  /** What the app now owns: every rendered object, plus leftovers not (yet) pruned. */
  inventory: string[];
  /** Leftovers held back by pruneLast until the app is Healthy. */
  deferredPrune: string[];
  /** inventoryKey → resourceVersion and fingerprint of each object as applied (or found Synced); none for folders. */
  observed?: Record<string, ObjectBaseline>;
}

export interface HealthReport extends Health {
  resources: { key: string; health: Health }[];
}

/** The cluster's version and API versions, for rendering (`helm template --kube-version --api-versions`). */
export interface Capabilities {
  kubeVersion: string;
  apiVersions: string[];
}

/** Where an app's rendered objects go: a cluster, or a folder when there is no cluster. */
export interface Destination {
  /** Cluster or folder name, for reports. */
  readonly name: string;
  readRecord(app: string): Promise<AppRecord | undefined>;
  writeRecord(record: AppRecord): Promise<void>;
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
  sync(app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[], options?: { force?: boolean }): Promise<SyncRun>;
  /** Deletes leftovers (inventory keys), only those still annotated as the app's. */
  prune(app: AppConfig, keys: readonly string[]): Promise<ResourceResult[]>;
  /** Live health of the objects, folded into the app's. */
  health(app: AppConfig, keys: readonly string[]): Promise<HealthReport>;
  /** Deletes everything the app manages, with its propagation policy (or the one given). */
  deleteApp(app: AppConfig, inventory: readonly string[], propagation?: AppConfig["syncPolicy"]["prunePropagationPolicy"]): Promise<ResourceResult[]>;
}
