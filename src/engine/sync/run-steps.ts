import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import type { ObjectRef } from "../../adapters/kube/object-ref.ts";
import type { PhaseResult } from "../record/phase-result.ts";
import type { PreparedObject } from "./prepared-object.ts";
import type { ResourceResult } from "./sync-result.ts";
import { applyDeletePolicies, hookResult, recordPhase, startHooks, type StepsOptions, type StepsOutcome } from "./step-parts.ts";
import type { SyncStep } from "./sync-steps.ts";
import { waitStep, type StepState } from "./wait-step.ts";

const defined = (refs: readonly (ObjectRef | undefined)[]): ObjectRef[] => refs.filter((r) => r !== undefined);

/**
 * Runs a sync's steps in order (phase, wave): applies a step's resources, starts its hooks, and,
 * when a step follows or it has hooks, waits until its hooks completed and its resources are
 * Healthy. A failure stops the steps that follow (their objects are reported not applied) and runs
 * the SyncFail hooks. When the wait outlives the clock's budget, the outcome is `pending`.
 */
export async function runSteps<R extends PreparedObject>(
  client: KubeClient,
  steps: readonly SyncStep<R>[],
  onFail: readonly SyncStep<R>[],
  options: StepsOptions<R>,
): Promise<StepsOutcome> {
  const results: ResourceResult[] = [];
  const phases: PhaseResult[] = structuredClone(options.resume?.phases ?? []);
  for (let i = options.resume?.step ?? 0; i < steps.length; i += 1) {
    const step = steps[i];
    if (!step) break;
    const resumed = options.resume?.step === i ? options.resume : undefined;
    let refs: (ObjectRef | undefined)[] = resumed?.hooks ?? [];
    const since = resumed?.since ?? options.clock.now();
    if (!resumed) {
      const applied = await options.apply(step.resources);
      const started = await startHooks(client, step, options);
      results.push(...applied, ...started.failures);
      refs = started.refs;
      const failed = [...applied, ...started.failures].filter((r) => r.status === "failed");
      if (failed.length > 0) {
        const message = `${failed.length} object(s) failed in wave ${step.wave}`;
        recordPhase(phases, step.phase, step.wave, { status: "Failed", message, hooks: [] });
        return failSync(client, steps.slice(i + 1), onFail, options, results, phases);
      }
    }
    const last = i === steps.length - 1;
    if (last && step.hooks.length === 0) {
      recordPhase(phases, step.phase, step.wave, { status: "Succeeded", hooks: [] });
      break;
    }
    // A wait resumed by a later job looks once: the job that continues it is due again soon, and a
    // worker waiting here would be paid for the wave's whole duration.
    const clock = { ...options.clock, since, ...(resumed ? { budgetMs: 0 } : {}) };
    const state = await waitStep(client, step.resources.map((r) => r.key), defined(refs), clock);
    if (state.status === "Running") {
      recordPhase(phases, step.phase, step.wave, state);
      return { results, phases, failed: false, pending: { step: i, since, hooks: defined(refs), phases } };
    }
    await applyDeletePolicies(client, step, refs, state.hooks, options.clock);
    recordPhase(phases, step.phase, step.wave, state);
    results.push(...hookResults(step, refs, state));
    if (state.status === "Failed") return failSync(client, steps.slice(i + 1), onFail, options, results, phases);
  }
  return { results, phases, failed: false };
}

function hookResults<R extends PreparedObject>(
  step: SyncStep<R>,
  refs: readonly (ObjectRef | undefined)[],
  state: StepState,
): ResourceResult[] {
  return step.hooks.flatMap((hook, i) => {
    const ref = refs[i];
    const own = ref && state.hooks.find((h) => h.kind === ref.kind && h.name === ref.name);
    if (!ref || !own) return [];
    const status = own.status === "Failed" ? "failed" : "applied";
    return [hookResult(hook, ref, status, `${step.phase} hook ${own.status}${own.message ? `: ${own.message}` : ""}`)];
  });
}

/** The steps not reached are reported not applied; then the SyncFail hooks run, each wave waited for. */
async function failSync<R extends PreparedObject>(
  client: KubeClient,
  rest: readonly SyncStep<R>[],
  onFail: readonly SyncStep<R>[],
  options: StepsOptions<R>,
  results: ResourceResult[],
  phases: PhaseResult[],
): Promise<StepsOutcome> {
  for (const step of rest) {
    for (const r of step.resources) {
      const namespace = r.ref.namespace ? { namespace: r.ref.namespace } : {};
      results.push({ key: r.key, kind: r.ref.kind, name: r.ref.name, ...namespace, status: "skipped", message: "not applied: an earlier wave failed" });
    }
  }
  for (const step of onFail) {
    const started = await startHooks(client, step, options);
    results.push(...started.failures);
    const clock = { ...options.clock, since: options.clock.now(), budgetMs: options.clock.timeoutMs };
    const state = await waitStep(client, [], defined(started.refs), clock);
    await applyDeletePolicies(client, step, started.refs, state.hooks, options.clock);
    recordPhase(phases, "SyncFail", step.wave, state);
    results.push(...hookResults(step, started.refs, state));
  }
  return { results, phases, failed: true };
}
