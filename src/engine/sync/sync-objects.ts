import type { AppConfig } from "../../core/config/app-config.ts";
import type { ResourceResult, SyncRun } from "./sync-result.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { applyWaves } from "./kind-order.ts";
import { inventoryKey, parseInventoryKey, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import { baselineOf, type ObjectBaseline } from "../diff/object-baseline.ts";
import { applyFailure, applyObject } from "./apply-object.ts";
import { diffPlanned, leftovers, planObjects, type PlannedObject } from "./diff-objects.ts";
import { fetchLive } from "./fetch-live.ts";
import { mapLimit } from "../../core/util/map-limit.ts";
import { prepareObjects } from "./prepare-objects.ts";
import { pruneObjects } from "./prune-objects.ts";
import { waitEstablished } from "./wait-established.ts";

export interface EngineOptions {
  /** Requests in flight at once within one wave. */
  concurrency: number;
  sleep(ms: number): Promise<void>;
  /** How long to wait for new CRDs to be established. */
  crdTimeoutMs: number;
}

const resultOf = (ref: ObjectRef, status: ResourceResult["status"], message?: string): ResourceResult => ({
  key: inventoryKey(ref), kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), status, ...(message ? { message } : {}),
});

/**
 * One sync of an app to a cluster, as Argo CD's sync does it: prepare, (dry-run everything first),
 * apply in kind order wave by wave with a result per object, wait for new CRDs, then prune
 * leftovers by policy. A failing object does not stop the others.
 */
export async function syncObjects(client: KubeClient, app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[], options: EngineOptions): Promise<SyncRun> {
  const policy = app.syncPolicy;
  const namespace = app.destination.namespace;
  const { objects, failures } = await prepareObjects(client, { name: app.name, namespace }, manifests);
  const results: ResourceResult[] = [...failures];
  const rendered = [...objects.map((o) => o.key), ...failures.map((f) => f.key)];
  const live = await fetchLive(client, objects.map((o) => o.ref), options.concurrency);
  let toApply: PlannedObject[] = planObjects(app, objects, live);
  // What each object looked like right after Sluice made it match git: the sweep's drift baseline.
  const observed: Record<string, ObjectBaseline> = {};
  const observe = (key: string, object: LiveObject | undefined) => {
    const baseline = object && baselineOf(object);
    if (baseline) observed[key] = baseline;
  };

  if (policy.applyOutOfSyncOnly) {
    const diffs = await diffPlanned(client, toApply, options.concurrency);
    const synced = new Set(diffs.filter((d) => d.status === "Synced").map((d) => inventoryKey(d.ref)));
    for (const p of toApply) {
      if (!synced.has(p.key)) continue;
      results.push(resultOf(p.ref, "unchanged"));
      observe(p.key, p.live);
    }
    toApply = toApply.filter((p) => !synced.has(p.key));
  }

  const namespaceToCreate = policy.createNamespace && !objects.some((o) => o.ref.kind === "Namespace" && o.ref.name === namespace) ? namespace : undefined;

  if (policy.dryRunFirst) {
    const created = new Set(objects.filter((o) => o.ref.kind === "Namespace").map((o) => o.ref.name));
    if (namespaceToCreate) created.add(namespaceToCreate);
    const missingNamespaces = new Set<string>();
    for (const ns of created) if (!(await client.get({ apiVersion: "v1", kind: "Namespace", name: ns }))) missingNamespaces.add(ns);
    const refused = (await mapLimit(toApply, options.concurrency, async (p) => {
      // The server cannot dry-run what needs a CRD or a namespace this very sync creates.
      if (p.definedInSync || (p.ref.namespace && missingNamespaces.has(p.ref.namespace))) return undefined;
      try {
        await applyObject(client, p.object, policy, true);
        return undefined;
      } catch (error) {
        return resultOf(p.ref, "failed", `dry run: ${applyFailure(error)}`);
      }
    })).filter((r) => r !== undefined);
    if (refused.length > 0) {
      const failed = new Set(refused.map((r) => r.key));
      const skipped = toApply.filter((p) => !failed.has(p.key)).map((p) => resultOf(p.ref, "skipped", `not applied: the dry run failed for ${refused.length} object(s)`));
      return { results: [...results, ...refused, ...skipped], rendered, inventory: union(inventory, rendered), deferredPrune: [], observed };
    }
  }

  if (namespaceToCreate) {
    try {
      await client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespaceToCreate } }, { force: policy.force });
    } catch (error) {
      results.push(resultOf({ apiVersion: "v1", kind: "Namespace", name: namespaceToCreate }, "failed", `createNamespace: ${applyFailure(error)}`));
    }
  }

  for (const wave of applyWaves(toApply, (p) => p.ref.kind)) {
    const applied = await mapLimit(wave, options.concurrency, async (p) => {
      try {
        observe(p.key, await applyObject(client, p.object, policy));
        return resultOf(p.ref, "applied");
      } catch (error) {
        return resultOf(p.ref, "failed", applyFailure(error));
      }
    });
    results.push(...applied);
    const crds = wave.filter((p, i) => p.ref.kind === "CustomResourceDefinition" && applied[i]?.status === "applied").map((p) => p.ref);
    if (crds.length > 0) {
      if (!(await waitEstablished(client, crds, options.sleep, options.crdTimeoutMs))) {
        results.push(...crds.map((ref) => resultOf(ref, "failed", `not Established after ${options.crdTimeoutMs} ms`)));
      }
      client.forgetDiscovery();
    }
  }

  const left = (await leftovers(client, app.name, inventory, objects.map((o) => o.ref))).map((l) => l.key);
  if (left.length === 0) return { results, rendered, inventory: rendered, deferredPrune: [], observed };
  if (!policy.prune) {
    for (const key of left) {
      const ref = parseInventoryKey(key);
      if (ref) results.push(resultOf(ref, "skipped", "requires pruning (prune is off)"));
    }
    return { results, rendered, inventory: union(rendered, left), deferredPrune: [], observed };
  }
  if (policy.pruneLast) return { results, rendered, inventory: union(rendered, left), deferredPrune: left, observed };
  const pruned = await pruneObjects(client, app.name, left, policy.prunePropagationPolicy, options.concurrency);
  results.push(...pruned);
  const kept = pruned.filter((r) => r.status === "failed").map((r) => r.key);
  return { results, rendered, inventory: union(rendered, kept), deferredPrune: [], observed };
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
