import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import { prepareObjects } from "./prepare-objects.ts";
import type { ResourceResult } from "./sync-result.ts";
import type { SplitManifests } from "./split-hooks.ts";
import type { PreparedHook } from "./sync-steps.ts";

/**
 * Makes hooks Sluice's as any object (labels, the app annotation, namespace), one at a time: two
 * hooks with one generateName are two hooks, not an object rendered twice.
 */
export async function prepareHooks(
  client: KubeClient,
  app: { name: string; namespace: string },
  hooks: SplitManifests["hooks"],
): Promise<{ hooks: PreparedHook[]; failures: ResourceResult[] }> {
  const out: PreparedHook[] = [];
  const failures: ResourceResult[] = [];
  for (const hook of hooks) {
    const { objects, failures: failed } = await prepareObjects(client, app, [hook.manifest]);
    failures.push(...failed);
    const prepared = objects[0];
    if (!prepared) continue;
    const generateName = hook.manifest.metadata["generateName"];
    const named = hook.manifest.metadata.name !== "";
    out.push({
      ...prepared, phase: hook.phase, wave: hook.wave, deletePolicies: hook.deletePolicies,
      ...(!named && typeof generateName === "string" ? { generateName } : {}),
    });
  }
  return { hooks: out, failures };
}
