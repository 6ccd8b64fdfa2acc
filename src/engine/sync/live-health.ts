import type { HealthReport } from "./sync-result.ts";
import { appHealth } from "../health/app-health.ts";
import type { Health } from "../health/health-status.ts";
import { resourceHealth, type HealthOverrides } from "../health/resource-health.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { describeRef, identityKey, parseInventoryKey } from "../../adapters/kube/object-ref.ts";
import { fetchLive } from "./fetch-live.ts";

/** Objects a sync just saw (its applies' answers), by inventory key; `fresh` when nothing has happened since. */
export interface KnownObjects {
  objects: ReadonlyMap<string, LiveObject>;
  fresh: boolean;
}

/**
 * Reads the objects and folds their health; an object that is not in the cluster is Missing.
 * Known objects are not read again when fresh, nor, later, when they have no status and their
 * kind no health (a ConfigMap, a Role): nothing about those moves by itself.
 */
export async function liveHealth(
  client: KubeClient, keys: readonly string[], concurrency: number, overrides?: HealthOverrides, known?: KnownObjects,
): Promise<HealthReport> {
  const refs = keys.flatMap((key) => {
    const ref = parseInventoryKey(key);
    return ref ? [{ key, ref }] : [];
  });
  const reuse = (key: string): LiveObject | undefined => {
    const object = known?.objects.get(key);
    if (!object || known?.fresh) return object;
    return object["status"] === undefined && resourceHealth(object, overrides) === undefined ? object : undefined;
  };
  const unreadable = new Map<string, string>();
  const live = await fetchLive(client, refs.filter((r) => !reuse(r.key)).map((r) => r.ref), concurrency, unreadable);
  const resources: { key: string; resource: string; health: Health }[] = [];
  for (const { key, ref } of refs) {
    const object = reuse(key) ?? live.get(identityKey(ref));
    const error = unreadable.get(identityKey(ref));
    const health: Health | undefined = object ? resourceHealth(object, overrides) : error ? { status: "Unknown", message: `cannot read: ${error}` } : { status: "Missing", message: "not in the cluster" };
    if (health) resources.push({ key, resource: describeRef(ref), health });
  }
  const folded = appHealth(resources);
  return { status: folded.status, ...(folded.message ? { message: folded.message } : {}), resources: resources.map(({ key, health }) => ({ key, health })) };
}
