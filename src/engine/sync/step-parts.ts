import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import { inventoryKey, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import type { HookResult, PhaseResult } from "../record/phase-result.ts";
import { applyFailure } from "./apply-object.ts";
import type { PreparedObject } from "./prepared-object.ts";
import type { ResourceResult } from "./sync-result.ts";
import type { SyncPhase } from "./hook-spec.ts";
import { deleteHook, startHook, type HookClock } from "./start-hook.ts";
import type { PreparedHook, SyncStep } from "./sync-steps.ts";
import type { StepClock, StepState } from "./wait-step.ts";

/** Where a sync that waits stands: the step it waits on, since when, the hooks it started there. */
export interface SyncProgress {
  step: number;
  since: number;
  hooks: ObjectRef[];
  phases: PhaseResult[];
}

export interface StepsOptions<R extends PreparedObject> {
  app: { name: string; force: boolean };
  /** Applies a step's resources (kind order, CRDs established) with a result per object. */
  apply(resources: R[]): Promise<ResourceResult[]>;
  clock: Omit<StepClock, "since"> & HookClock;
  resume?: SyncProgress | undefined;
}

export interface StepsOutcome {
  results: ResourceResult[];
  phases: PhaseResult[];
  failed: boolean;
  /** Set when the in-process budget ran out while a step still ran: continue from here. */
  pending?: SyncProgress;
}

export const hookResult = (hook: PreparedHook, ref: ObjectRef | undefined, status: ResourceResult["status"], message: string): ResourceResult => ({
  key: inventoryKey(ref ?? hook.ref), kind: hook.ref.kind, name: ref?.name || hook.generateName || hook.ref.name,
  ...(hook.ref.namespace ? { namespace: hook.ref.namespace } : {}), status, message,
});

/** Starts a step's hooks; one that cannot be created fails the step. */
export async function startHooks(
  client: KubeClient,
  step: SyncStep<PreparedObject>,
  options: StepsOptions<PreparedObject>,
): Promise<{ refs: (ObjectRef | undefined)[]; failures: ResourceResult[] }> {
  const refs: (ObjectRef | undefined)[] = [];
  const failures: ResourceResult[] = [];
  for (const hook of step.hooks) {
    try {
      refs.push(await startHook(client, hook, options.app, options.clock));
    } catch (error) {
      refs.push(undefined);
      failures.push(hookResult(hook, undefined, "failed", `${step.phase} hook: ${applyFailure(error)}`));
    }
  }
  return { refs, failures };
}

/** HookSucceeded and HookFailed: each hook whose outcome its policy names is deleted. */
export async function applyDeletePolicies(
  client: KubeClient,
  step: SyncStep<PreparedObject>,
  refs: readonly (ObjectRef | undefined)[],
  hooks: readonly HookResult[],
  clock: HookClock,
): Promise<void> {
  for (const [i, hook] of step.hooks.entries()) {
    const ref = refs[i];
    const state = ref && hooks.find((h) => h.kind === ref.kind && h.name === ref.name)?.status;
    const policy = state === "Succeeded" ? "HookSucceeded" : state === "Failed" ? "HookFailed" : undefined;
    const due = policy !== undefined && hook.deletePolicies.includes(policy);
    const live = due && ref ? await client.get(ref) : undefined;
    if (live) await deleteHook(client, live, clock);
  }
}

/** Folds a step's state into its phase's result: its wave, its hooks, its status and message. */
export function recordPhase(
  phases: PhaseResult[],
  phase: SyncPhase,
  wave: number,
  state: StepState | { status: "Succeeded"; hooks: HookResult[] },
): void {
  let entry = phases.find((p) => p.phase === phase);
  if (!entry) phases.push(entry = { phase, status: "Running", waves: [] });
  if (!entry.waves.includes(wave)) entry.waves.push(wave);
  if (state.hooks.length > 0) {
    const others = (entry.hooks ?? []).filter((h) => !state.hooks.some((s) => s.name === h.name && s.kind === h.kind));
    entry.hooks = [...others, ...state.hooks];
  }
  entry.status = state.status;
  if ("message" in state) entry.message = state.message;
  else delete entry.message;
}
