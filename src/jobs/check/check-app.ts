import type { AppConfig } from "../../core/config/app-config.ts";
import { writeRecordChange, type RecordChange } from "../../engine/destination/write-record-change.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { RevisionNotFoundError } from "../../adapters/git/git-errors.ts";
import { inventoryKey, parseInventoryKey } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import type { CheckJob } from "../../core/queue/job.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import type { SyncOutcome } from "../sync/sync-app.ts";
import { syncRevision } from "../sync/sync-revision.ts";
import { renderForSync } from "../sync/sync-render.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import type { ObjectBaseline } from "../../engine/diff/object-baseline.ts";
import { notifyAfterSync } from "../notify/notify-after-sync.ts";
import { withRecordSessions } from "../sync/record-session.ts";

export interface CheckOutcome {
  app: string;
  /**
   * superseded: a sync since the sweep looked; synced: nothing drifted; out-of-sync: drift recorded
   * (no self-heal); healed: drift undone by a sync; resynced: a full diff, for a record that said OutOfSync.
   */
  status: "superseded" | "synced" | "out-of-sync" | "healed" | "resynced";
  /** inventoryKey of each checked object that differs from git. */
  drifted: string[];
  message?: string;
  sync?: SyncOutcome;
}

export type CheckDeps = Pick<WorkerDeps, "config" | "git" | "secrets" | "destinationFor" | "render" | "logger" | "now" | "sleep">
  & Partial<Pick<WorkerDeps, "notifications" | "appIndex">>;

/**
 * A drift check the sweep asked for: only the objects whose resourceVersion and fingerprint moved
 * since Sluice last saw them match git are diffed (server-side dry run) against the render of
 * the revision the app's record names. Clean objects get their new baseline, so the next sweep
 * leaves them alone; drift is self-healed by a sync when the app asks for it, else recorded as
 * OutOfSync with the diff summary. The record is read once, here, and written at most once.
 */
export async function checkApp(job: CheckJob, app: AppConfig, shared: CheckDeps): Promise<CheckOutcome> {
  const deps = withRecordSessions(shared);
  const destination = deps.destinationFor(app);
  const stored = await destination.loadRecord(app.name);
  const record = stored.record;
  if (!record || record.revision !== job.revision) return { app: app.name, status: "superseded", drifted: [] };

  const auth = await gitAuthFor(app.source.repo, deps);
  let workspace;
  try {
    workspace = await deps.git.checkout(app.source.repo, app.source.branch, auth, { revision: record.revision });
  } catch (error) {
    if (error instanceof RevisionNotFoundError) throw new PermanentJobError(`${app.name}: the applied revision is gone from ${app.source.branch}: ${error.message}`, { cause: error });
    throw error;
  }
  try {
    const cause = { trigger: "sweep", deliveryId: job.deliveryId };
    const manifests = await renderForSync(app, workspace.dir, record.revision, destination, deps.render);
    const wanted = new Set(job.objects.map((o) => o.key));
    const diff = await destination.diff(app, manifests.filter((m) => keysOf(m, app).some((k) => wanted.has(k))), []);
    const drifted = diff.resources.filter((r) => r.status === "OutOfSync");
    const driftedKeys = drifted.map((d) => inventoryKey(d.ref));
    // Made on the record as it is when written: a sync since (another revision) supersedes the check.
    const checked = (change: RecordChange): RecordChange => (current) =>
      current?.revision === job.revision ? change(current) : undefined;
    const baselines = (current: AppRecord): AppRecord => ({ ...current, objects: { ...current.objects, ...observed(job) } });
    const resync = async () => {
      const synced = await syncRevision(app, workspace, cause, deps, record);
      await writeRecordChange(destination, app.name, stored, synced.change);
      return synced.outcome;
    };

    if (drifted.length === 0) {
      // The record's OutOfSync may have had other causes than these objects: let a full diff decide.
      if (record.sync.status === "OutOfSync") return { app: app.name, status: "resynced", drifted: [], sync: await resync() };
      await writeRecordChange(destination, app.name, stored, checked((current) => current && baselines(current)));
      return { app: app.name, status: "synced", drifted: [] };
    }
    if (app.syncPolicy.automated && app.syncPolicy.selfHeal) {
      deps.logger.info("drift found by the sweep; self-healing", { app: app.name, deliveryId: job.deliveryId, drifted: driftedKeys });
      const sync = await resync();
      await notifyAfterSync({ app, cause: { ...cause, trigger: "self-heal" }, previous: record, outcome: sync, workspaceDir: workspace.dir }, deps);
      return { app: app.name, status: "healed", drifted: driftedKeys, sync };
    }
    const message = `${drifted.length} resource(s) differ from git: ${drifted.slice(0, 5).map((d) => `${d.ref.kind}/${d.ref.name} (${d.reason ?? "changed"})`).join(", ")}${drifted.length > 5 ? ", …" : ""}`;
    const outOfSync = { status: "OutOfSync" as const, message };
    await writeRecordChange(destination, app.name, stored, checked((current) => current && { ...baselines(current), sync: outOfSync }));
    deps.logger.info("drift found by the sweep", { app: app.name, deliveryId: job.deliveryId, drifted: driftedKeys });
    const found = { revision: record.revision, status: "out-of-sync", resources: [], message };
    await notifyAfterSync({ app, cause, previous: record, outcome: found, workspaceDir: workspace.dir }, deps);
    return { app: app.name, status: "out-of-sync", drifted: driftedKeys, message };
  } finally {
    await workspace.dispose();
  }
}

/** What the sweep saw of each object, as the new baseline: a later change moves it again. */
function observed(job: CheckJob): Record<string, ObjectBaseline> {
  const out: Record<string, ObjectBaseline> = {};
  for (const o of job.objects) if (o.resourceVersion && o.fingerprint) out[o.key] = { resourceVersion: o.resourceVersion, fingerprint: o.fingerprint };
  return out;
}

/**
 * The inventory keys a rendered object may have once prepared: in the app's namespace when it
 * names none and its kind is namespaced, or with no namespace when its kind is cluster-scoped.
 */
function keysOf(manifest: Manifest, app: AppConfig): string[] {
  const ref = { apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.metadata.name };
  const keys = [inventoryKey({ ...ref, namespace: manifest.metadata.namespace ?? app.destination.namespace }), inventoryKey(ref)];
  return keys.filter((k) => parseInventoryKey(k) !== undefined);
}
