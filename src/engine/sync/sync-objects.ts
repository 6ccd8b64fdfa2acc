import type { AppConfig } from "../../core/config/app-config.ts";
import type { ResourceResult, SyncRun } from "./sync-result.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { applyTiers } from "./kind-order.ts";
import { inventoryKey, parseInventoryKey, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import { baselineOf, type ObjectBaseline } from "../diff/object-baseline.ts";
import { applyFailure, applyObject } from "./apply-object.ts";
import { APPLY_RETRY_BUDGET_MS, retryTransient } from "./retry-transient.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import { diffPlanned, leftovers, planObjects, type PlannedObject } from "./diff-objects.ts";
import { fetchLive } from "./fetch-live.ts";
import { mapLimit } from "../../core/util/map-limit.ts";
import { prepareObjects } from "./prepare-objects.ts";
import { pruneObjects } from "./prune-objects.ts";
import { waitEstablished } from "./wait-established.ts";
import { prepareHooks } from "./prepare-hooks.ts";
import { runSteps } from "./run-steps.ts";
import { hookSpecOf } from "./hook-spec.ts";
import { splitHooks } from "./split-hooks.ts";
import type { SyncProgress } from "./step-parts.ts";
import { syncSteps } from "./sync-steps.ts";

export interface EngineOptions {
  /** Requests in flight at once within one wave. */
  concurrency: number;
  sleep(ms: number): Promise<void>;
  /** How long to wait for new CRDs to be established. */
  crdTimeoutMs: number;
  /** The clock waves and hooks are timed by (epoch ms). */
  now?: () => number;
  /**
   * How long one sync waits in process for a wave or hook before it hands back its progress
   * (`SyncRun.pending`) for a later job to continue; the app's waveTimeoutSeconds when unset.
   */
  waitBudgetMs?: number;
}

/** What a sync continues from, and how long it may wait in process. */
export interface SyncOptions {
  resume?: SyncProgress | undefined;
  /** This sync's in-process wait budget, over the engine's. */
  waitBudgetMs?: number | undefined;
  /** Told the objects applied so far after each tier: a cheap mark of how far a cut-off sync got. */
  onProgress?: ((applied: number) => Promise<void>) | undefined;
}

const resultOf = (ref: ObjectRef, status: ResourceResult["status"], message?: string): ResourceResult => ({
  key: inventoryKey(ref), kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), status, ...(message ? { message } : {}),
});

/**
 * One sync of an app to a cluster, as Argo CD's sync does it: prepare, (dry-run everything first),
 * apply in kind order wave by wave with a result per object, wait for new CRDs, then prune
 * leftovers by policy. A failing object does not stop the others.
 */
export async function syncObjects(client: KubeClient, app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[], options: EngineOptions, sync: SyncOptions = {}): Promise<SyncRun> {
  const policy = app.syncPolicy;
  const namespace = app.destination.namespace;
  const split = splitHooks(manifests);
  const { objects, failures } = await prepareObjects(client, { name: app.name, namespace }, split.resources.map((r) => r.manifest));
  const hooks = await prepareHooks(client, { name: app.name, namespace }, split.hooks);
  const results: ResourceResult[] = [...failures, ...hooks.failures];
  const rendered = [...objects.map((o) => o.key), ...failures.map((f) => f.key)];
  // The live objects shape what is applied only through ignoreDifferences, and applyOutOfSyncOnly
  // compares with them; otherwise each apply's answer is the live state, read by nobody first.
  const needsLive = policy.applyOutOfSyncOnly || policy.ignoreDifferences.length > 0;
  const live = needsLive ? await fetchLive(client, objects.map((o) => o.ref), options.concurrency) : new Map<string, LiveObject>();
  const planned = planObjects(app, objects, live);
  let toApply: PlannedObject[] = planned;
  // What each object looked like right after Sluice made it match git: the sweep's drift baseline.
  const observed: Record<string, ObjectBaseline> = {};
  const answers = new Map<string, LiveObject>();
  const seen = { observed, live: answers };
  const observe = (key: string, object: LiveObject | undefined) => {
    const baseline = object && baselineOf(object);
    if (baseline) observed[key] = baseline;
    if (object) answers.set(key, object);
  };

  // A sync that continues a wait did all of this before it started waiting.
  const resumed = sync.resume !== undefined;
  if (policy.applyOutOfSyncOnly && !resumed) {
    const diffs = await diffPlanned(client, toApply, options.concurrency);
    const synced = new Set(diffs.filter((d) => d.status === "Synced").map((d) => inventoryKey(d.ref)));
    for (const p of toApply) {
      if (!synced.has(p.key)) continue;
      results.push(resultOf(p.ref, "unchanged"));
      observe(p.key, p.live);
    }
    toApply = toApply.filter((p) => !synced.has(p.key));
  }

  const namespaceToCreate = policy.createNamespace && !resumed && !objects.some((o) => o.ref.kind === "Namespace" && o.ref.name === namespace) ? namespace : undefined;

  if (policy.dryRunFirst && !resumed) {
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
      return { results: [...results, ...refused, ...skipped], rendered, inventory: union(inventory, rendered), deferredPrune: [], ...seen };
    }
  }

  // The app's namespace is applied when an apply finds it missing, so a sync into a namespace that
  // is there costs no request for it; first, for an app's first sync (nothing in its inventory yet:
  // a tier's applies would all be refused) and when hooks or a dry run come before any apply.
  let creating: Promise<boolean> | undefined;
  const ensureNamespace = namespaceToCreate === undefined ? undefined : (missing: string) => missing !== namespaceToCreate ? Promise.resolve(false) : creating ??= client.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespaceToCreate } }, { force: policy.force }).then(() => true, (error: unknown) => {
    results.push(resultOf({ apiVersion: "v1", kind: "Namespace", name: namespaceToCreate }, "failed", `createNamespace: ${applyFailure(error)}`));
    return false;
  });
  if (namespaceToCreate && ensureNamespace && (inventory.length === 0 || policy.dryRunFirst || hooks.hooks.length > 0)) await ensureNamespace(namespaceToCreate);

  const waveOf = (p: PlannedObject) => {
    const spec = hookSpecOf(p.object);
    return spec.kind === "resource" ? spec.wave : 0;
  };
  // Steps of every planned object, so a sync that resumes finds the same steps at the same index.
  const { steps, onFail } = syncSteps(planned.map((object) => ({ object, wave: waveOf(object) })), hooks.hooks);
  const applying = new Set(toApply.map((p) => p.key));
  const now = options.now ?? Date.now;
  const timeoutMs = policy.waveTimeoutSeconds * 1000;
  let applied = 0;
  const tierDone = async (count: number) => void await sync.onProgress?.(applied += count);
  const ran = await runSteps(client, steps, onFail, {
    app: { name: app.name, force: policy.force },
    apply: (resources) => applyResources(client, resources.filter((r) => applying.has(r.key)), policy, options, { observe, tierDone, ensureNamespace }),
    clock: { sleep: options.sleep, now, timeoutMs, budgetMs: sync.waitBudgetMs ?? options.waitBudgetMs ?? timeoutMs, concurrency: options.concurrency, deleteTimeoutMs: timeoutMs },
    resume: sync.resume,
  });
  results.push(...ran.results);
  const phased = { phases: ran.phases, ...(ran.pending ? { pending: ran.pending } : {}) };
  // A sync still waiting, or one whose waves or hooks failed part way, prunes nothing: what it did
  // not reach may still be wanted. One step alone prunes as before, whatever failed in it.
  if (ran.pending || (ran.failed && steps.length > 1)) return { results, rendered, inventory: union(inventory, rendered), deferredPrune: [], ...seen, ...phased };

  const left = (await leftovers(client, app.name, inventory, objects.map((o) => o.ref))).map((l) => l.key);
  if (left.length === 0) return { results, rendered, inventory: rendered, deferredPrune: [], ...seen, ...phased };
  if (!policy.prune) {
    for (const key of left) {
      const ref = parseInventoryKey(key);
      if (ref) results.push(resultOf(ref, "skipped", "requires pruning (prune is off)"));
    }
    return { results, rendered, inventory: union(rendered, left), deferredPrune: [], ...seen, ...phased };
  }
  if (policy.pruneLast) return { results, rendered, inventory: union(rendered, left), deferredPrune: left, ...seen, ...phased };
  const pruned = await pruneObjects(client, app.name, left, policy.prunePropagationPolicy, options.concurrency);
  results.push(...pruned);
  const kept = pruned.filter((r) => r.status === "failed").map((r) => r.key);
  return { results, rendered, inventory: union(rendered, kept), deferredPrune: [], ...seen, ...phased };
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

interface ApplyHooks {
  observe(key: string, object: LiveObject | undefined): void;
  tierDone(applied: number): Promise<void>;
  /** Applies the app's namespace (once) when it is the one missing; false when it is not, or that failed. */
  ensureNamespace: ((missing: string) => Promise<boolean>) | undefined;
}

/** The API server's answer to a write into a namespace that does not exist. */
const namespaceMissing = (error: unknown, namespace: string): boolean =>
  error instanceof KubeApiError && error.status === 404 && error.message === `namespaces "${namespace}" not found`;

/**
 * Applies one step's resources tier by tier (see applyTiers), a tier's objects side by side within
 * the engine's concurrency and the client's flow gate, waiting for new CRDs to be established.
 */
async function applyResources(client: KubeClient, resources: readonly PlannedObject[], policy: AppConfig["syncPolicy"], options: EngineOptions, hooks: ApplyHooks): Promise<ResourceResult[]> {
  const { observe, tierDone, ensureNamespace } = hooks;
  const results: ResourceResult[] = [];
  for (const wave of applyTiers(resources, (p) => p.ref.kind)) {
    const applied = await mapLimit(wave, options.concurrency, async (p) => {
      try {
        // An API server restarting or throttling, or a namespace's service account not there yet, passes.
        const retry = { sleep: options.sleep, budgetMs: APPLY_RETRY_BUDGET_MS };
        const apply = () => retryTransient(() => applyObject(client, p.object, policy), retry);
        observe(p.key, await apply().catch(async (error: unknown) => {
          const namespace = p.ref.namespace;
          if (!ensureNamespace || !namespace || !namespaceMissing(error, namespace) || !(await ensureNamespace(namespace))) throw error;
          return apply();
        }));
        return resultOf(p.ref, "applied");
      } catch (error) {
        const transient = retryOf(error, "never") !== "never" ? { transient: true as const } : {};
        return { ...resultOf(p.ref, "failed", applyFailure(error)), ...transient };
      }
    });
    results.push(...applied);
    await tierDone(applied.filter((r) => r.status === "applied").length);
    const crds = wave.filter((p, i) => p.ref.kind === "CustomResourceDefinition" && applied[i]?.status === "applied").map((p) => p.ref);
    if (crds.length > 0) {
      if (!(await waitEstablished(client, crds, options.sleep, options.crdTimeoutMs))) {
        results.push(...crds.map((ref) => resultOf(ref, "failed", `not Established after ${options.crdTimeoutMs} ms`)));
      }
      client.forgetDiscovery();
    }
  }
  return results;
}
