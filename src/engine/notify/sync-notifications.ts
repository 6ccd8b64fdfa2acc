import type { Notification } from "../../core/notify/notification.ts";
import type { AppRecord } from "../record/app-record.ts";
import type { ResourceResult } from "../sync/sync-result.ts";
import type { NotificationBase } from "./notification-base.ts";
import { notificationId } from "./notification-id.ts";
import { objectsSummary } from "./objects-summary.ts";

/** What a sync job learned, in the shape the sync outcome has. */
export interface SyncFacts {
  base: NotificationBase;
  /** The record before the job: what was applied, and whether it was healthy. */
  previous: AppRecord | undefined;
  outcome: {
    revision: string;
    /** synced, already-synced, out-of-sync, failed; any other (a sync waiting on a wave) says nothing yet. */
    status: string;
    resources: readonly ResourceResult[];
    health?: { status: string; message?: string | undefined } | undefined;
    message?: string | undefined;
    healthyAfterMs?: number | undefined;
  };
  /** Filled in by the caller: the commit applied, Sluice's commit, images changed, a pull request. */
  extra?: Partial<Pick<Notification, "source" | "commit" | "images" | "pullRequest">>;
}

/**
 * The notifications of one sync: deployed (synced and healthy, once per revision), sync failed,
 * health degraded, drift found (recorded) or healed (self-heal applied git again).
 */
export function syncNotifications(f: SyncFacts): Notification[] {
  const { outcome, previous, base } = f;
  const revision = outcome.revision;
  const sameRevision = previous?.revision === revision;
  const make = (trigger: Notification["trigger"], fields: Partial<Notification> = {}): Notification => ({
    id: notificationId(base.app, revision, trigger), trigger, ...base, revision, images: [], ...f.extra, ...fields,
  });
  const objects = objectsSummary(outcome.resources, previous?.inventory ?? []);
  const health = outcome.health && {
    status: outcome.health.status,
    ...(outcome.health.message ? { message: outcome.health.message } : {}),
    ...(outcome.healthyAfterMs !== undefined && outcome.health.status === "Healthy" ? { healthyAfterSeconds: Math.round(outcome.healthyAfterMs / 100) / 10 } : {}),
  };
  const sync = { status: outcome.status, ...(outcome.message ? { message: outcome.message } : {}) };
  if (outcome.status === "failed") return [make("on-sync-failed", { objects, sync, ...(health ? { health } : {}), error: outcome.message ?? "the sync failed" })];
  if (outcome.status === "out-of-sync") {
    // A new revision of a manual app awaits `sluice sync`: nothing went wrong, nothing to say.
    return sameRevision ? [make("on-drift-found", { sync, ...(outcome.message ? { error: outcome.message } : {}) })] : [];
  }
  if (outcome.status !== "synced") return [];
  const out: Notification[] = [];
  // Applied again over a revision that was Synced: self-heal (a continued wave was not Synced yet).
  const healed = base.cause.kind === "self-heal" || (sameRevision && previous.sync.status === "Synced" && base.cause.kind !== "cli");
  if (healed) out.push(make("on-drift-healed", { objects, sync, ...(health ? { health } : {}) }));
  const wasDeployed = sameRevision && previous?.health.status === "Healthy" && previous.sync.status === "Synced";
  if (!healed && !wasDeployed && health?.status === "Healthy") out.push(make("on-deployed", { objects, sync, health }));
  if (health?.status === "Degraded") out.push(make("on-health-degraded", { objects, sync, health, error: health.message ?? "the app is Degraded" }));
  return out;
}
