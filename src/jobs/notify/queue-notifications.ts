import type { NotificationsConfig } from "../../core/config/notifications-config.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { Notification } from "../../core/notify/notification.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import { subscribedProviders } from "../../engine/notify/subscribed-providers.ts";
import { notifyGroupId, notifyJobId } from "./notify-job-id.ts";

export interface QueueNotificationsDeps {
  config: NotificationsConfig;
  queue: JobQueue;
  appIndex(): Promise<AppIndex>;
  logger: Logger;
}

/**
 * One notify job per notification and subscribed provider. Never throws: a queue that refuses is
 * logged, and the sync that emitted goes on as if nothing were subscribed.
 */
export async function queueNotifications(notifications: readonly Notification[], deps: QueueNotificationsDeps): Promise<void> {
  if (notifications.length === 0) return;
  try {
    const index = await deps.appIndex();
    const jobs: QueuedJob[] = [];
    for (const n of notifications) {
      const entry = index.get(n.app);
      const app = { name: n.app, appSet: n.appSet ?? entry?.appSet, labels: entry?.labels ?? {} };
      for (const provider of subscribedProviders(deps.config, app, n.trigger)) {
        jobs.push({
          job: { kind: "notify", app: n.app, provider, notification: n, deliveryId: n.cause.deliveryId },
          deduplicationId: notifyJobId(n.id, provider),
          groupId: notifyGroupId(provider),
        });
      }
    }
    if (jobs.length > 0) await deps.queue.enqueue(jobs);
    for (const q of jobs) {
      if (q.job.kind === "notify") deps.logger.info("notification queued", { app: q.job.app, trigger: q.job.notification.trigger, provider: q.job.provider, deliveryId: q.job.deliveryId });
    }
  } catch (error) {
    deps.logger.error("notifications not queued", { apps: [...new Set(notifications.map((n) => n.app))], error: error instanceof Error ? error.message : String(error) });
  }
}
