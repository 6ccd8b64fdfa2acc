import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import type { ObjectRef } from "../../adapters/kube/object-ref.ts";
import { resourceHealth } from "../health/resource-health.ts";
import type { HookResult } from "../record/phase-result.ts";
import { liveHealth } from "./live-health.ts";
import { hookFailure } from "./hook-failure.ts";

export interface StepClock {
  sleep(ms: number): Promise<void>;
  now(): number;
  /** The step fails when it is not done this long after `since`. */
  timeoutMs: number;
  /** Wait here at most this long, then hand back Running (a worker continues it later). */
  budgetMs: number;
  /** When the step's wait began (epoch ms); earlier than now when a sync resumes a wait. */
  since: number;
  concurrency: number;
}

export type StepState =
  | { status: "Succeeded"; hooks: HookResult[] }
  | { status: "Failed"; message: string; hooks: HookResult[] }
  | { status: "Running"; message: string; hooks: HookResult[] };

const POLL_MS = 1_000;

/** A hook's state: complete once Healthy (a Job Complete, a Pod Succeeded) or of a kind without health. */
async function hookState(client: KubeClient, ref: ObjectRef): Promise<HookResult> {
  const base = { kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) };
  const live = await client.get(ref);
  if (!live) return { ...base, status: "Failed", message: "deleted before it completed" };
  const health = resourceHealth(live);
  if (!health || health.status === "Healthy") return { ...base, status: "Succeeded" };
  if (health.status === "Degraded") return { ...base, status: "Failed", message: await hookFailure(client, live, health.message ?? "Degraded") };
  return { ...base, status: "Running", ...(health.message ? { message: health.message } : {}) };
}

/** Where a step stands now: its hooks' states and its resources' folded health. */
async function stepState(
  client: KubeClient,
  keys: readonly string[],
  hooks: readonly ObjectRef[],
  concurrency: number,
): Promise<StepState> {
  const states: HookResult[] = [];
  for (const ref of hooks) states.push(await hookState(client, ref));
  const failed = states.find((h) => h.status === "Failed");
  if (failed) return { status: "Failed", message: `${failed.kind}/${failed.name}: ${failed.message ?? "failed"}`, hooks: states };
  const health = keys.length > 0 ? await liveHealth(client, keys, concurrency) : { status: "Healthy" as const };
  if (health.status === "Degraded") return { status: "Failed", message: health.message ?? "Degraded", hooks: states };
  const running = states.find((h) => h.status === "Running");
  if (running) return { status: "Running", message: `${running.kind}/${running.name}: ${running.message ?? "running"}`, hooks: states };
  if (health.status === "Healthy" || health.status === "Suspended") return { status: "Succeeded", hooks: states };
  return { status: "Running", message: health.message ?? health.status, hooks: states };
}

/**
 * Waits until a step's hooks have completed and its resources are Healthy: Succeeded; a hook that
 * failed, a resource Degraded or the timeout passed: Failed; the in-process budget spent first: Running.
 */
export async function waitStep(
  client: KubeClient,
  keys: readonly string[],
  hooks: readonly ObjectRef[],
  clock: StepClock,
): Promise<StepState> {
  const started = clock.now();
  for (;;) {
    const state = await stepState(client, keys, hooks, clock.concurrency);
    if (state.status !== "Running") return state;
    const now = clock.now();
    if (now - clock.since >= clock.timeoutMs) {
      return { status: "Failed", message: `not done after ${Math.round(clock.timeoutMs / 1000)} s: ${state.message}`, hooks: state.hooks };
    }
    if (now - started >= clock.budgetMs) return state;
    await clock.sleep(Math.min(POLL_MS, clock.timeoutMs - (now - clock.since)));
  }
}
