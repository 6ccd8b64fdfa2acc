import { isDeepStrictEqual } from "node:util";
import type { AppConfig } from "../../core/config/app-config.ts";
import { withHistory, type AppRecord, type HistoryEntry } from "../../engine/record/app-record.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { RecordChange } from "../../engine/destination/write-record-change.ts";
import type { ResourceResult } from "../../engine/sync/sync-result.ts";
import type { GitWorkspace } from "../../adapters/git/git-workspace.ts";
import type { Health } from "../../engine/health/health-status.ts";
import { appSourceDigest } from "./source-digest.ts";
import { chartsMoved } from "./charts-moved.ts";
import { readImage } from "../../engine/writeback/write-image.ts";
import { renderForSync } from "./sync-render.ts";
import { beginOperation } from "./begin-operation.ts";
import { operationProgress } from "./operation-progress.ts";
import type { SyncDeps, SyncOutcome, SyncTrigger } from "./sync-app.ts";
import { renderedBefore, renderFailure } from "./render-failure.ts";
import { unstableDrift, unstableMessage } from "./unstable-render.ts";
import { identityKey } from "../../adapters/kube/object-ref.ts";
import { waitingRevision, WAIT_BUDGET_MS } from "./waiting-revision.ts";
import type { SyncWait } from "../../engine/record/sync-wait.ts";
import type { KnownObjects } from "../../engine/sync/live-health.ts";

/** What a sync did, and its change to the app's record, for the job to write once with its own. */
export interface SyncedRevision {
  readonly outcome: SyncOutcome;
  readonly change: RecordChange;
  /** The job's error once the change is written: a render that failed for good. */
  readonly final?: Error;
  /** The sync waits for a wave or hook: a job continues it at this time. */
  readonly continueAt?: Date;
}

// Health is polled this often while a sync follows it.
const HEALTH_POLL_MS = 2_000;

/**
 * Renders the checked-out revision and brings the app's destination to it, as Argo CD's automated
 * sync does: a new revision is applied (or, for a manual app, recorded as awaiting `sluice sync`);
 * the same revision is diffed and re-applied only when it drifted and selfHeal is on, or when a
 * person asked (`manual`). After applying, it follows health until Healthy, Degraded, Suspended
 * or the app's timeout, and prunes last when the app asks. `previous` is the record the job read;
 * the record is not written here: the change returned is made on whatever record is current then.
 */
export async function syncRevision(
  app: AppConfig,
  workspace: GitWorkspace,
  cause: SyncTrigger,
  deps: SyncDeps,
  previous: AppRecord | undefined,
): Promise<SyncedRevision> {
  const revision = await workspace.head();
  const destination = deps.destinationFor(app);
  const manual = cause.trigger === "manual";
  const before = renderedBefore(app, previous, revision, manual);
  if (before) throw before;
  const images = await currentImages(app, workspace);
  let manifests: Awaited<ReturnType<typeof renderForSync>>;
  try {
    manifests = await renderForSync(app, workspace.dir, revision, destination, deps.render);
  } catch (error) {
    const failed = renderFailure(app, revision, cause, deps.now(), error);
    if (!failed) throw error;
    deps.logger.warn("render failed", { app: app.name, revision, deliveryId: cause.deliveryId, error: failed.message });
    return { outcome: { revision, status: "failed", resources: [], message: failed.message }, change: failed.change, final: failed.error };
  }
  const inventory = previous?.inventory ?? [];
  // A sync of this revision waits for a wave or hook: continue it, whatever asked for this job.
  const wait = previous?.syncWait?.revision === revision ? previous.syncWait : undefined;
  if (wait) return applyRevision(app, destination, { revision, images, trigger: wait.trigger, manual, manifests, inventory, workspace, deliveryId: wait.deliveryId, wait }, deps);

  if (!app.syncPolicy.automated && !manual && previous?.revision !== revision) {
    const message = `revision ${revision.slice(0, 12)} awaits a manual sync`;
    const change: RecordChange = (current) => record(app, current, { ...kept(current), sync: outOfSync(message) }, revision);
    return { outcome: { revision, status: "out-of-sync", resources: [], message }, change };
  }

  let trigger = cause.trigger;
  if (previous?.revision === revision && !manual && !(await chartsMoved(app, workspace.dir, previous, deps.render.charts))) {
    const diff = await destination.diff(app, manifests, inventory);
    const drifted = diff.resources.filter((r) => r.status === "OutOfSync");
    if (drifted.length === 0) {
      const change: RecordChange = (current) =>
        current && current.sync.status !== "Synced" ? record(app, current, { ...kept(current), sync: { status: "Synced" } }, revision) : undefined;
      return { outcome: { revision, status: "already-synced", resources: [] }, change };
    }
    const differs = `${drifted.length} resource(s) differ from git: ${drifted.slice(0, 5).map((d) => `${d.ref.kind}/${d.ref.name} (${d.reason ?? "changed"})`).join(", ")}${drifted.length > 5 ? ", …" : ""}`;
    const unstable = await unstableDrift(app, workspace.dir, revision, destination, deps.render, manifests, drifted);
    const message = unstable.length > 0 ? `${differs}; ${unstableMessage(unstable)}` : differs;
    // Drift that is only the render's own randomness comes back after every self-heal: report it instead.
    const onlyUnstable = unstable.length > 0 && drifted.every((d) => unstable.some((u) => u.key === identityKey(d.ref) || u.key === identityKey({ ...d.ref, namespace: "" })));
    // The automated sync of this revision failed part way for a reason that passes: finish it, self-heal or not.
    const unfinished = app.syncPolicy.automated && previous.sync.retry === true && !onlyUnstable;
    if (!unfinished && (!app.syncPolicy.selfHeal || !app.syncPolicy.automated || onlyUnstable)) {
      const change: RecordChange = (current) => current && record(app, current, { ...kept(current), sync: outOfSync(message) }, revision);
      return { outcome: { revision, status: "out-of-sync", resources: [], message }, change };
    }
    deps.logger.info(unfinished ? "unfinished sync; applying again" : "drift found; self-healing", { app: app.name, revision, deliveryId: cause.deliveryId, drifted: drifted.length });
    trigger = unfinished ? "retry" : "self-heal";
  }
  const apply = { revision, images, trigger, manual, manifests, inventory, workspace, deliveryId: cause.deliveryId };
  return applyRevision(app, destination, apply, deps);
}

interface Apply {
  readonly revision: string;
  readonly images: Record<string, string>;
  readonly trigger: string;
  readonly manual: boolean;
  readonly manifests: Awaited<ReturnType<typeof renderForSync>>;
  readonly inventory: readonly string[];
  readonly workspace: GitWorkspace;
  readonly deliveryId: string;
  /** The wait of an earlier job that this one continues. */
  readonly wait?: SyncWait | undefined;
}

/** Applies, follows health, prunes last when the app asks; the record change carries the outcome. */
async function applyRevision(app: AppConfig, destination: Destination, a: Apply, deps: SyncDeps): Promise<SyncedRevision> {
  const { revision, images, trigger } = a;
  // Self-heal and a person's sync mean git wins over hand edits: they take fields kubectl edit or
  // patch took. A new revision applied automatically reports such conflicts unless the app forces.
  const resume = a.wait && { step: a.wait.step, since: a.wait.since, hooks: a.wait.hooks, phases: a.wait.phases };
  // With a queue to continue on, a wave that takes longer than a moment is waited for by later jobs.
  const budget = deps.queue ? { waitBudgetMs: WAIT_BUDGET_MS } : {};
  // A continued wait already says where it stands (syncWait); a new sync says it began.
  const operation = { phase: "Running" as const, revision, trigger, deliveryId: a.deliveryId, objects: a.manifests.length };
  const begun = a.wait ? undefined : { ...operation, startedAt: deps.now().toISOString() };
  if (begun) await beginOperation(destination, app.name, begun);
  const progress = begun && operationProgress(destination, app.name, begun, deps);
  const run = await destination.sync(app, a.manifests, a.inventory, { force: trigger === "self-heal" || a.manual, resume, ...budget, ...(progress ? { onProgress: progress.report } : {}) });
  await progress?.stop();
  if (run.pending) return waitingRevision(app, { ...a, startedAt: a.wait?.startedAt ?? deps.now().toISOString() }, run, run.pending, deps);
  // What the sweep compares with later revisions (source) and with live objects (observed).
  const swept = { source: await appSourceDigest(app, a.workspace.dir, deps.render.charts), ...(run.observed ? { objects: run.observed } : {}) };
  let results = run.results;
  let appInventory = run.inventory;
  let state = syncSummary(results, run.deferredPrune.length);
  const phases = run.phases && phasesMatter(run.phases) ? { phases: run.phases } : {};
  const entry: HistoryEntry = { at: deps.now().toISOString(), revision, trigger, deliveryId: a.deliveryId, result: state.failed ? "Failed" : "Succeeded", ...(state.message ? { message: state.message } : {}), ...phases };
  // The applies' answers are the live state now; later looks read only what can still move.
  const answered = run.live ?? new Map<string, never>();
  const first = await destination.health(app, run.rendered, { objects: answered, fresh: true });
  const health = await followHealth(destination, app, { keys: run.rendered, objects: answered }, plainHealth(first), deps);
  if (run.deferredPrune.length > 0 && health.status === "Healthy") {
    const pruned = await destination.prune(app, run.deferredPrune);
    results = [...results, ...pruned];
    const kept = new Set(pruned.filter((r) => r.status === "failed").map((r) => r.key));
    appInventory = appInventory.filter((key) => !run.deferredPrune.includes(key) || kept.has(key));
    state = syncSummary(results, kept.size);
  }
  const synced = { revision, images, inventory: appInventory, sync: state.sync, health, ...swept };
  const change: RecordChange = (current) => record(app, current, synced, revision, entry);
  deps.logger.info("app synced", { app: app.name, revision, trigger, deliveryId: a.deliveryId, applied: results.filter((r) => r.status === "applied").length, failed: results.filter((r) => r.status === "failed").length, health: health.status });
  return { outcome: { revision, status: state.failed ? "failed" : "synced", resources: results, health, ...(state.message ? { message: state.message } : {}), ...phases }, change };
}

/** What a sync that applies nothing keeps of the record it is made on. */
const kept = (current: AppRecord | undefined) => ({
  revision: current?.revision ?? "",
  images: current?.images ?? {},
  inventory: current?.inventory ?? [],
  health: current?.health ?? { status: "Unknown" as const },
});

const outOfSync = (message: string): AppRecord["sync"] => ({ status: "OutOfSync", message });

const plainHealth = ({ status, message }: Health): Health => ({ status, ...(message ? { message } : {}) });

/** Polls health until it settles (Healthy, Degraded, Suspended) or the app's timeout passes; Progressing then. */
async function followHealth(destination: Destination, app: AppConfig, seen: { keys: readonly string[]; objects: KnownObjects["objects"] }, first: Health, deps: SyncDeps): Promise<Health> {
  const settled = (h: Health) => h.status === "Healthy" || h.status === "Degraded" || h.status === "Suspended";
  let health: Health = first;
  const budget = app.syncPolicy.healthTimeoutSeconds * 1000;
  for (let waited = 0; !settled(health) && waited < budget; waited += HEALTH_POLL_MS) {
    await deps.sleep(Math.min(HEALTH_POLL_MS, budget - waited));
    health = await destination.health(app, seen.keys, { objects: seen.objects, fresh: false });
  }
  if (!settled(health) && health.status !== "Missing" && health.status !== "Unknown") {
    return { status: "Progressing", message: `still progressing after ${app.syncPolicy.healthTimeoutSeconds} s: ${health.message ?? ""}`.trim() };
  }
  return plainHealth(health);
}

function syncSummary(results: readonly ResourceResult[], deferred: number): { sync: AppRecord["sync"]; failed: boolean; message?: string } {
  const failed = results.filter((r) => r.status === "failed");
  const unpruned = results.filter((r) => r.status === "skipped" && r.message?.startsWith("requires pruning"));
  const notApplied = results.filter((r) => r.status === "skipped" && !r.message?.startsWith("requires pruning"));
  const parts: string[] = [];
  if (failed.length) parts.push(`${failed.length} of ${results.length} resources failed: ${failed.map((f) => `${f.kind}/${f.name}: ${f.message ?? ""}`).join("; ")}`);
  if (notApplied.length) parts.push(`${notApplied.length} not applied`);
  if (unpruned.length) parts.push(`${unpruned.length} resource(s) require pruning: ${unpruned.map((u) => `${u.kind}/${u.name}`).join(", ")}`);
  if (deferred) parts.push(`${deferred} resource(s) wait to be pruned until the app is Healthy (pruneLast)`);
  const message = parts.join("; ");
  const retry = failed.some((f) => f.transient) ? { retry: true as const } : {};
  return { sync: parts.length ? { status: "OutOfSync", message, ...retry } : { status: "Synced" }, failed: failed.length > 0 || notApplied.length > 0, ...(message ? { message } : {}) };
}

/** Phases are worth a history entry's room when the app has hooks or more than one wave. */
const phasesMatter = (phases: NonNullable<SyncOutcome["phases"]>): boolean => phases.length > 1 || phases.some((p) => p.waves.length > 1 || p.hooks);

type RecordState = Pick<AppRecord, "revision" | "images" | "inventory" | "sync" | "health"> & Partial<Pick<AppRecord, "source" | "objects" | "syncWait">>;

/**
 * The record a sync leaves, `rendered` being the revision it rendered well. A render failure stays
 * until a revision other than the applied one renders (the next good commit); a wait stays until a
 * sync finishes (`entry`) or a newer wait replaces it.
 */
export function record(app: AppConfig, previous: AppRecord | undefined, state: RecordState, rendered: string, entry?: AppRecord["history"][number]): AppRecord {
  const history = previous?.history ?? [];
  // What image updates keep in the record (tags written, rollback holds) outlives every sync.
  const images = { ...(previous?.written ? { written: previous.written } : {}), ...(previous?.holds ? { holds: previous.holds } : {}) };
  // The sweep's baselines stay until an apply replaces them.
  const swept = { ...(previous?.source ? { source: previous.source } : {}), ...(previous?.objects ? { objects: previous.objects } : {}) };
  // Made again after a conflict, maybe on its own write (a PUT whose answer was lost): one entry still.
  const added = entry && !isDeepStrictEqual(history[0], entry) ? withHistory(history, entry) : history;
  const failed = previous?.renderError;
  const renderError = failed && rendered === previous.revision && failed.revision !== rendered ? { renderError: failed } : {};
  const syncWait = previous?.syncWait && !entry ? { syncWait: previous.syncWait } : {};
  return { app: app.name, ...images, ...swept, ...renderError, ...syncWait, ...state, history: added };
}

/** The tag each of the app's images has in the checked-out files. */
async function currentImages(app: AppConfig, workspace: GitWorkspace): Promise<Record<string, string>> {
  const images: Record<string, string> = {};
  for (const image of app.images) {
    const repository = image.repository;
    const current = readImage(await workspace.readFile(image.write.file), image.write, { repository });
    if (current.tag) images[repository] = current.digest ? `${current.tag}@${current.digest}` : current.tag;
  }
  return images;
}
