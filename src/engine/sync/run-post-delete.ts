import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import type { PhaseResult } from "../record/phase-result.ts";
import type { ResourceResult } from "./sync-result.ts";
import { postDeleteHookOf } from "./hook-spec.ts";
import { prepareHooks } from "./prepare-hooks.ts";
import { runSteps } from "./run-steps.ts";
import type { StepsOptions } from "./step-parts.ts";
import { syncSteps } from "./sync-steps.ts";

/**
 * Runs an app's PostDelete hooks once its resources are deleted, as Argo CD does: wave by wave,
 * each waited for, with their delete policies. None rendered: nothing to do.
 */
export async function runPostDelete(
  client: KubeClient,
  app: { name: string; namespace: string; force: boolean },
  manifests: readonly Manifest[],
  clock: StepsOptions<never>["clock"],
): Promise<{ results: ResourceResult[]; phases: PhaseResult[] }> {
  const hooks = manifests.flatMap((manifest) => {
    const spec = postDeleteHookOf(manifest);
    return spec ? [{ manifest, phase: "PostDelete" as const, wave: spec.wave, deletePolicies: spec.deletePolicies }] : [];
  });
  if (hooks.length === 0) return { results: [], phases: [] };
  const prepared = await prepareHooks(client, app, hooks);
  const { steps } = syncSteps([], prepared.hooks);
  const ran = await runSteps(client, steps, [], { app, apply: async () => [], clock });
  return { results: [...prepared.failures, ...ran.results], phases: ran.phases };
}
