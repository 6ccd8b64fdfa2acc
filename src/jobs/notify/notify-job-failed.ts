import type { AppConfig } from "../../core/config/app-config.ts";
import type { Job } from "../../core/queue/job.ts";
import { notificationId } from "../../engine/notify/notification-id.ts";
import { baseFor, type NotifyDeps } from "./notify-deps.ts";

export interface FailedJobDeps extends NotifyDeps {
  config: { apps: readonly AppConfig[] };
}

/**
 * A job that failed for good (a render error, a refused push, a revision gone) is a failed sync: the
 * message carries the error as the worker reported it. A notify job that failed says nothing more.
 */
export async function notifyJobFailed(job: Job, error: unknown, deps: FailedJobDeps): Promise<void> {
  if (!deps.notifications || job.kind === "notify") return;
  const app = (deps.appIndex ? (await deps.appIndex()).get(job.app)?.app : undefined) ?? deps.config.apps.find((a) => a.name === job.app);
  if (!app) return;
  const trigger = "trigger" in job ? job.trigger : job.kind;
  const revision = "revision" in job ? job.revision : undefined;
  const base = await baseFor(app, { trigger, deliveryId: job.deliveryId, ...("provider" in job && typeof job.provider === "string" ? { provider: job.provider } : {}) }, deps);
  const message = error instanceof Error ? error.message : String(error);
  await deps.notifications.emit([{
    id: notificationId(app.name, revision ?? "", "on-sync-failed", job.kind, job.deliveryId), trigger: "on-sync-failed", ...base,
    ...(revision ? { revision } : {}), images: [], error: message,
  }]);
}
