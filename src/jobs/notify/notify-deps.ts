import type { AppConfig } from "../../core/config/app-config.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import { notificationBase, type NotificationBase } from "../../engine/notify/notification-base.ts";
import type { Notifications } from "../../core/queue/notifications.ts";

/** What an emission point needs; notifications off when `notifications` is absent. */
export interface NotifyDeps {
  notifications?: Notifications | undefined;
  appIndex?: (() => Promise<AppIndex>) | undefined;
  now(): Date;
}

/** The fields every notification of this job shares, with the app's app set from the index. */
export async function baseFor(app: AppConfig, cause: { trigger: string; deliveryId: string; provider?: string | undefined }, deps: NotifyDeps): Promise<NotificationBase> {
  const entry = deps.appIndex ? (await deps.appIndex()).get(app.name) : undefined;
  return notificationBase({ app, appSet: entry?.appSet, ...cause, dashboardUrl: deps.notifications?.dashboardUrl, at: deps.now() });
}
