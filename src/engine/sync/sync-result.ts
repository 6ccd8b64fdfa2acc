// What a sync, a diff and a health assessment return: the engine's own result types, which destinations pass on.
import type { ResourceDiff } from "../diff/resource-diff.ts";
import type { ObjectBaseline } from "../diff/object-baseline.ts";
import type { Health } from "../health/health-status.ts";
import type { PhaseResult } from "../record/phase-result.ts";
import type { SyncProgress } from "./step-parts.ts";
import type { LiveObject } from "../../adapters/kube/kube-client.ts";

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
  /** Failed for a reason that passes (an API server away or throttling): the next sweep applies again. */
  transient?: true;
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
  /** inventoryKey → each object as its apply answered (or as read, when left alone): the live state just after the sync. */
  live?: ReadonlyMap<string, LiveObject>;
  /** Each phase's result (PreSync, Sync, PostSync, SyncFail) with its waves and hooks. */
  phases?: PhaseResult[];
  /** Set when the sync still waits for a wave or hook: a later job continues from here. */
  pending?: SyncProgress;
}

export interface HealthReport extends Health {
  resources: { key: string; health: Health }[];
}

/** The cluster's version and API versions, for rendering (`helm template --kube-version --api-versions`). */
export interface Capabilities {
  kubeVersion: string;
  apiVersions: string[];
}
