import type { HealthReport } from "./sync-result.ts";
import { appHealth } from "../health/app-health.ts";
import type { Health } from "../health/health-status.ts";
import { resourceHealth, type HealthOverrides } from "../health/resource-health.ts";
import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import { describeRef, identityKey, parseInventoryKey } from "../../adapters/kube/object-ref.ts";
import { fetchLive } from "./fetch-live.ts";

/** Reads the objects and folds their health; an object that is not in the cluster is Missing. */
export async function liveHealth(
  client: KubeClient, keys: readonly string[], concurrency: number, overrides?: HealthOverrides,
): Promise<HealthReport> {
  const refs = keys.flatMap((key) => {
    const ref = parseInventoryKey(key);
    return ref ? [{ key, ref }] : [];
  });
  const unreadable = new Map<string, string>();
  const live = await fetchLive(client, refs.map((r) => r.ref), concurrency, unreadable);
  const resources: { key: string; resource: string; health: Health }[] = [];
  for (const { key, ref } of refs) {
    const object = live.get(identityKey(ref));
    const error = unreadable.get(identityKey(ref));
    const health: Health | undefined = object ? resourceHealth(object, overrides) : error ? { status: "Unknown", message: `cannot read: ${error}` } : { status: "Missing", message: "not in the cluster" };
    if (health) resources.push({ key, resource: describeRef(ref), health });
  }
  const folded = appHealth(resources);
  return { status: folded.status, ...(folded.message ? { message: folded.message } : {}), resources: resources.map(({ key, health }) => ({ key, health })) };
}
