import { identityKey, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { mapLimit } from "../../core/util/map-limit.ts";

// Up to this many objects of one kind and namespace are read one by one; more, with one list.
const GET_LIMIT = 3;

/**
 * The live objects for refs, keyed by identityKey (absent: not in the cluster, or not readable).
 * Reads a kind's objects in a namespace with one list when there are several: 4 requests instead
 * of 200. A kind Sluice may not read (403) does not stop the others: its error goes into
 * `unreadable` by identityKey, and the apply that follows reports it per object.
 */
export async function fetchLive(client: KubeClient, refs: readonly ObjectRef[], concurrency = 8, unreadable = new Map<string, string>()): Promise<Map<string, LiveObject>> {
  const groups = new Map<string, ObjectRef[]>();
  for (const ref of refs) {
    const g = `${ref.apiVersion}|${ref.kind}|${ref.namespace ?? ""}`;
    const list = groups.get(g);
    if (list) list.push(ref);
    else groups.set(g, [ref]);
  }
  const live = new Map<string, LiveObject>();
  await mapLimit([...groups.values()], concurrency, async (group) => {
    try {
      await readGroup(group);
    } catch (error) {
      for (const ref of group) unreadable.set(identityKey(ref), error instanceof Error ? error.message : String(error));
    }
  });
  return live;

  async function readGroup(group: ObjectRef[]): Promise<void> {
    const first = group[0];
    if (!first) return;
    if (!(await client.resource(first.apiVersion, first.kind))) return;
    if (group.length <= GET_LIMIT) {
      for (const ref of group) {
        const object = await client.get(ref);
        if (object) live.set(identityKey(ref), object);
      }
      return;
    }
    const wanted = new Set(group.map(identityKey));
    for (const object of await client.list(first.apiVersion, first.kind, first.namespace)) {
      const key = identityKey({ apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) });
      if (wanted.has(key)) live.set(key, object);
    }
  }
}
