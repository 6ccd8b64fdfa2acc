import type { AppIndex } from "../../core/apps/app-index.ts";
import type { NotificationsConfig } from "../../core/config/notifications-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { NotifySender } from "../../adapters/notify/notify-sender.ts";
import { senderFor, type SenderDeps } from "../../adapters/notify/sender-for.ts";
import { deliverNotification } from "./deliver-notification.ts";
import type { Notifications } from "../../core/queue/notifications.ts";
import { ProviderPacer } from "./provider-pacer.ts";
import { queueNotifications } from "./queue-notifications.ts";

export interface WorkerNotificationsDeps extends SenderDeps {
  config: NotificationsConfig;
  queue: JobQueue;
  appIndex(): Promise<AppIndex>;
  logger: Logger;
  clock: { now(): number; sleep(ms: number): Promise<void> };
  random?: () => number;
}

/** The worker's notifications, once per process: senders made on first use, one pacer for every job. */
export function workerNotifications(deps: WorkerNotificationsDeps): Notifications {
  const senders = new Map<string, Promise<NotifySender>>();
  const pacer = new ProviderPacer(deps.clock);
  const sender = (name: string): Promise<NotifySender | undefined> => {
    const provider = deps.config.providers.find((p) => p.name === name);
    if (!provider) return Promise.resolve(undefined);
    let made = senders.get(name);
    if (!made) {
      made = senderFor(provider, deps);
      // A secret that could not be read is read again by the next job, not remembered as missing.
      made.catch(() => senders.delete(name));
      senders.set(name, made);
    }
    return made;
  };
  return {
    dashboardUrl: deps.config.dashboardUrl,
    emit: (notifications) => queueNotifications(notifications, deps),
    deliver: (job) => deliverNotification(job, { config: deps.config, sender, pacer, sleep: deps.clock.sleep, logger: deps.logger, ...(deps.random ? { random: deps.random } : {}) }),
  };
}
