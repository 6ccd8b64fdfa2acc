import type { IndexedApp } from "../../core/apps/app-index.ts";
import { notificationId } from "../../engine/notify/notification-id.ts";
import { baseFor, type NotifyDeps } from "./notify-deps.ts";

/**
 * A review app (an app set's app for one pull request) created or removed: for the app-set code to call
 * when it brings one up or tears one down. The pull request's link is the app's `pullRequest` label when set.
 */
export async function notifyReviewApp(change: "created" | "removed", entry: IndexedApp, cause: { trigger: string; deliveryId: string; provider?: string | undefined }, deps: NotifyDeps): Promise<void> {
  if (!deps.notifications) return;
  const trigger = change === "created" ? "on-review-app-created" : "on-review-app-removed";
  const base = await baseFor(entry.app, cause, deps);
  const pullRequest = entry.labels["pullRequest"];
  await deps.notifications.emit([{
    id: notificationId(entry.app.name, cause.deliveryId, trigger), trigger, ...base,
    ...(entry.appSet ? { appSet: entry.appSet } : {}), images: [], ...(pullRequest ? { pullRequest } : {}),
  }]);
}
