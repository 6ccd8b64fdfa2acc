import type { AppConfig } from "../../core/config/app-config.ts";
import type { AppDiff } from "./sync-result.ts";
import { ignoredPaths, respectingLive } from "../diff/ignore-differences.ts";
import { resourceDiff, type ResourceDiff } from "../diff/resource-diff.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { APP_ANNOTATION } from "../../adapters/kube/labels.ts";
import { identityKey, parseInventoryKey, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import { applyFailure } from "./apply-object.ts";
import { clientSideOwners } from "./client-side-managers.ts";
import { fetchLive } from "./fetch-live.ts";
import { mapLimit } from "../../core/util/map-limit.ts";
import type { PreparedObject } from "./prepared-object.ts";

/** Per prepared object: its live state, the paths ignoreDifferences covers, and the object to apply. */
export interface PlannedObject extends PreparedObject {
  live: LiveObject | undefined;
  ignored: ReturnType<typeof ignoredPaths>;
}

export function planObjects(app: AppConfig, objects: readonly PreparedObject[], live: Map<string, LiveObject>): PlannedObject[] {
  return objects.map((o) => {
    const current = live.get(identityKey(o.ref));
    const ignored = ignoredPaths(app.syncPolicy.ignoreDifferences, o.ref, current);
    return { ...o, object: respectingLive(o.object, current, ignored), live: current, ignored };
  });
}

/**
 * Synced or OutOfSync per object, by a server-side dry-run apply (forced, to show what git asks for
 * even where another manager holds a field) compared with the live object.
 */
export async function diffPlanned(client: KubeClient, planned: readonly PlannedObject[], concurrency: number): Promise<ResourceDiff[]> {
  return mapLimit(planned, concurrency, async (p) => {
    // A custom resource of a CRD this sync creates cannot be dry-run yet: it is simply missing.
    if (p.definedInSync) return resourceDiff(p.ref, p.object, p.live, p.ignored);
    try {
      const merged = await client.apply(p.object, { dryRun: true, force: true });
      // A dry run answers with the resourceVersion it merged onto; a different one means a
      // controller wrote the object since it was listed (status, a revision annotation): read it again.
      const seen = p.live?.metadata.resourceVersion;
      const live = seen && merged.metadata.resourceVersion && merged.metadata.resourceVersion !== seen ? await client.get(p.ref) : p.live;
      const diff = resourceDiff(p.ref, merged, live, p.ignored);
      const owners = live ? clientSideOwners(live) : [];
      // The dry run keeps what a client-side manager owns; a sync takes that over and drops what git no longer has.
      if (owners.length === 0) return diff;
      return { ...diff, status: "OutOfSync", reason: "changed", message: `last applied client-side by ${owners.join(", ")}: a sync takes its fields over` };
    } catch (error) {
      return { ...resourceDiff(p.ref, p.object, p.live, p.ignored), status: "OutOfSync", reason: p.live ? "changed" : "missing", message: `dry run failed: ${applyFailure(error)}` };
    }
  });
}

/** Inventory entries no longer rendered that are still live and still the app's. */
export async function leftovers(client: KubeClient, appName: string, inventory: readonly string[], rendered: readonly ObjectRef[]): Promise<{ key: string; ref: ObjectRef; live: LiveObject }[]> {
  const renderedKeys = new Set(rendered.map(identityKey));
  const candidates = inventory.flatMap((key) => {
    const ref = parseInventoryKey(key);
    return ref && !renderedKeys.has(identityKey(ref)) ? [{ key, ref }] : [];
  });
  const live = await fetchLive(client, candidates.map((c) => c.ref));
  return candidates.flatMap((c) => {
    const object = live.get(identityKey(c.ref));
    return object && object.metadata.annotations?.[APP_ANNOTATION] === appName ? [{ ...c, live: object }] : [];
  });
}

/** The app's diff: every rendered object, then every leftover as "requires pruning". */
export async function diffApp(client: KubeClient, app: AppConfig, objects: readonly PreparedObject[], inventory: readonly string[], concurrency: number): Promise<AppDiff> {
  const unreadable = new Map<string, string>();
  const live = await fetchLive(client, objects.map((o) => o.ref), concurrency, unreadable);
  const resources = (await diffPlanned(client, planObjects(app, objects, live), concurrency)).map((d) => {
    const error = unreadable.get(identityKey(d.ref));
    return error ? { ...d, status: "OutOfSync" as const, message: `cannot read the live object: ${error}` } : d;
  });
  for (const left of await leftovers(client, app.name, inventory, objects.map((o) => o.ref))) {
    resources.push(resourceDiff(left.ref, undefined, left.live, []));
  }
  return { resources };
}
