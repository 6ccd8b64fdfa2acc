import type { LiveObject } from "../../adapters/kube/kube-client.ts";
import { identityKey, parseInventoryKey, refOf, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import { fingerprint, type ObjectBaseline } from "../../engine/diff/object-baseline.ts";
import { callEndpoint, SWEEP_CONCURRENCY, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";
import type { SweptDestination } from "./swept-destination.ts";

/** What the sweep saw of a live object: its resourceVersion, and its fingerprint when that had moved. */
export interface SeenObject {
  readonly resourceVersion: string | undefined;
  readonly fingerprint?: string;
}

/** One cluster's label-selected lists, by the objects the records name. */
export interface LiveIndex {
  /** identityKey → what was seen; absent: not live. */
  readonly seen: Map<string, SeenObject>;
  /** Kinds (`apiVersion|kind`) listed. */
  readonly listed: Set<string>;
  /** Kinds that could not be listed, with why. */
  readonly failed: Map<string, string>;
}

/** The key under which a kind is listed. */
export const kindKey = (ref: Pick<ObjectRef, "apiVersion" | "kind">): string => `${ref.apiVersion}|${ref.kind}`;

/** Every object an app's record names: its inventory, and whatever has a baseline. */
export function recordedKeys(view: AppView): string[] {
  const record = view.record;
  return record ? [...new Set([...record.inventory, ...Object.keys(record.objects ?? {})])] : [];
}

/**
 * One list per kind and cluster, label-selected to Sluice's objects: Kubernetes requests grow with
 * clusters and kinds, never with objects. Fingerprints are computed only for objects whose
 * resourceVersion moved from their baseline.
 */
export async function planLive(views: readonly AppView[], ctx: SweepContext): Promise<Map<SweptDestination, LiveIndex>> {
  const wanted = new Map<SweptDestination, Map<string, { ref: ObjectRef; namespaces: Set<string>; baselines: Map<string, ObjectBaseline | undefined> }>>();
  for (const view of views) {
    if (!view.target.listManaged || !view.record) continue;
    let kinds = wanted.get(view.target);
    if (!kinds) wanted.set(view.target, kinds = new Map());
    for (const key of recordedKeys(view)) {
      const ref = parseInventoryKey(key);
      if (!ref) continue;
      let kind = kinds.get(kindKey(ref));
      if (!kind) kinds.set(kindKey(ref), kind = { ref, namespaces: new Set(), baselines: new Map() });
      if (ref.namespace) kind.namespaces.add(ref.namespace);
      kind.baselines.set(identityKey(ref), view.record.objects?.[key]);
    }
  }

  const out = new Map<SweptDestination, LiveIndex>();
  const tasks = [...wanted].flatMap(([target, kinds]) => {
    const index: LiveIndex = { seen: new Map(), listed: new Set(), failed: new Map() };
    out.set(target, index);
    return [...kinds].map(([key, kind]) => ({
      key: `live:${target.endpoint}:${kind.ref.apiVersion}/${kind.ref.kind}`,
      run: async () => {
        const listed = await callEndpoint(ctx, target.endpoint, `${kind.ref.kind} objects in ${target.name}`, SWEEP_TIMEOUTS.live, () => listManaged(target, kind.ref, [...kind.namespaces]));
        if (!listed.ok) {
          index.failed.set(key, listed.reason);
          return;
        }
        ctx.findings.counts.liveLists++;
        for (const object of listed.value) {
          const id = identityKey(refOf(object));
          if (!kind.baselines.has(id)) continue;
          const rv = object.metadata.resourceVersion;
          index.seen.set(id, rv !== undefined && rv === kind.baselines.get(id)?.resourceVersion ? { resourceVersion: rv } : { resourceVersion: rv, fingerprint: fingerprint(object) });
        }
        index.listed.add(key);
      },
    }));
  });
  await ctx.runner.run(tasks, SWEEP_CONCURRENCY);
  return out;
}

function listManaged(target: SweptDestination, ref: ObjectRef, namespaces: string[]): Promise<LiveObject[]> {
  if (!target.listManaged) return Promise.resolve([]);
  return target.listManaged(ref.apiVersion, ref.kind, namespaces);
}
