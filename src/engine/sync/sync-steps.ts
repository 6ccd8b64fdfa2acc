import { kindRank } from "./kind-order.ts";
import type { PreparedObject } from "./prepared-object.ts";
import { PHASE_ORDER, type DeletePolicy, type SyncPhase } from "./hook-spec.ts";

/** A hook ready to run: prepared as any object, with its policies and, for generateName, no name yet. */
export interface PreparedHook extends PreparedObject {
  phase: SyncPhase;
  wave: number;
  deletePolicies: readonly DeletePolicy[];
  /** metadata.generateName when the object has no name: the server names it on create. */
  generateName?: string;
}

/** One wave of one phase: its resources (Sync phase only) and hooks, each in kind, then name order. */
export interface SyncStep<R extends PreparedObject> {
  phase: SyncPhase;
  wave: number;
  resources: R[];
  hooks: PreparedHook[];
}

const byKindThenName = (a: PreparedObject, b: PreparedObject): number =>
  kindRank(a.ref.kind) - kindRank(b.ref.kind) || (a.ref.name || (a.object.metadata["generateName"] as string | undefined) || "")
    .localeCompare(b.ref.name || (b.object.metadata["generateName"] as string | undefined) || "");

/**
 * Orders a sync as Argo CD does: by phase (PreSync, Sync, PostSync), then wave, then kind, then
 * name. Normal resources are in the Sync phase. SyncFail hooks come back apart: they run only
 * when the sync fails.
 */
export function syncSteps<R extends PreparedObject>(
  resources: readonly { object: R; wave: number }[],
  hooks: readonly PreparedHook[],
): { steps: SyncStep<R>[]; onFail: SyncStep<R>[] } {
  const steps = new Map<string, SyncStep<R>>();
  const stepOf = (phase: SyncPhase, wave: number): SyncStep<R> => {
    const key = `${phase}|${wave}`;
    let step = steps.get(key);
    if (!step) steps.set(key, step = { phase, wave, resources: [], hooks: [] });
    return step;
  };
  for (const r of resources) stepOf("Sync", r.wave).resources.push(r.object);
  for (const h of hooks) stepOf(h.phase, h.wave).hooks.push(h);
  const ordered = [...steps.values()].sort((a, b) => PHASE_ORDER.indexOf(a.phase) - PHASE_ORDER.indexOf(b.phase) || a.wave - b.wave);
  for (const s of ordered) {
    s.resources.sort(byKindThenName);
    s.hooks.sort(byKindThenName);
  }
  return { steps: ordered.filter((s) => s.phase !== "SyncFail"), onFail: ordered.filter((s) => s.phase === "SyncFail") };
}
