import type { ResourceResult } from "./sync-result.ts";
import type { KubeClient, PropagationPolicy } from "../../adapters/kube/kube-client.ts";
import { applyWaves } from "./kind-order.ts";
import { APP_ANNOTATION } from "../../adapters/kube/labels.ts";
import { parseInventoryKey, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import { applyFailure } from "./apply-object.ts";
import { mapLimit } from "../../core/util/map-limit.ts";

export type PropagationSetting = "foreground" | "background" | "orphan";

const POLICY: Record<PropagationSetting, PropagationPolicy> = { foreground: "Foreground", background: "Background", orphan: "Orphan" };

const resultOf = (key: string, ref: ObjectRef | undefined, status: ResourceResult["status"], message?: string): ResourceResult => ({
  key, kind: ref?.kind ?? "?", name: ref?.name ?? key, ...(ref?.namespace ? { namespace: ref.namespace } : {}), status, ...(message ? { message } : {}),
});

/**
 * Deletes the objects named by inventory keys, in reverse apply order, each only if it still carries
 * the app's annotation (an object someone else took over is left alone), with the uid it was read
 * with as precondition.
 */
export async function pruneObjects(client: KubeClient, appName: string, keys: readonly string[], propagation: PropagationSetting, concurrency = 8): Promise<ResourceResult[]> {
  const parsed = keys.map((key) => ({ key, ref: parseInventoryKey(key) }));
  const results: ResourceResult[] = parsed.filter((p) => !p.ref).map((p) => resultOf(p.key, undefined, "failed", "not an inventory key"));
  const valid = parsed.flatMap((p) => (p.ref ? [{ key: p.key, ref: p.ref }] : []));
  for (const wave of applyWaves(valid, (p) => p.ref.kind).reverse()) {
    results.push(...await mapLimit(wave, concurrency, async ({ key, ref }) => {
      try {
        if (!(await client.resource(ref.apiVersion, ref.kind))) return resultOf(key, ref, "pruned", "already gone: the cluster no longer serves its kind");
        const live = await client.get(ref);
        if (!live) return resultOf(key, ref, "pruned", "already gone");
        if (live.metadata.annotations?.[APP_ANNOTATION] !== appName) return resultOf(key, ref, "skipped", `not annotated ${APP_ANNOTATION}=${appName}: left alone`);
        if (live.metadata.deletionTimestamp) return resultOf(key, ref, "pruned", "already being deleted");
        const deleted = await client.delete(ref, { propagationPolicy: POLICY[propagation], ...(live.metadata.uid ? { uid: live.metadata.uid } : {}) });
        return resultOf(key, ref, "pruned", deleted ? `deleted (${propagation})` : "already gone");
      } catch (error) {
        return resultOf(key, ref, "failed", `prune failed: ${applyFailure(error)}`);
      }
    }));
  }
  return results;
}
