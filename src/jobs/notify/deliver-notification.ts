import type { NotificationsConfig } from "../../core/config/notifications-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { NotifyJob } from "../../core/queue/job.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { backoffMs } from "../../core/util/backoff.ts";
import type { NotifySender } from "../../adapters/notify/notify-sender.ts";
import { notificationMessage } from "../../engine/notify/notification-message.ts";
import type { NotifyOutcome } from "../../core/queue/notifications.ts";
import type { ProviderPacer } from "./provider-pacer.ts";

export interface DeliverDeps {
  config: NotificationsConfig;
  sender(provider: string): Promise<NotifySender | undefined>;
  pacer: ProviderPacer;
  sleep(ms: number): Promise<void>;
  random?: () => number;
  logger: Logger;
}

// A Retry-After longer than this goes back to the queue (its message is postponed that long), not waited out here.
const MAX_WAIT_MS = 10_000;
const BACKOFF = { baseMs: 500, maxMs: 5_000 };
const SLACK_INTERVAL_MS = 1_000;

/**
 * Sends one notify job: the notification rendered with the config's templates, through its provider,
 * tried `attempts` times here with backoff (or the Retry-After given) on 429, 5xx and no answer. The last
 * error goes back to the queue, which tries again later and dead-letters after its maxReceiveCount; a
 * refusal that retrying cannot fix (a 4xx) is thrown at once and dropped, logged, by the worker.
 */
export async function deliverNotification(job: NotifyJob, deps: DeliverDeps): Promise<NotifyOutcome> {
  const n = job.notification;
  const done = (status: NotifyOutcome["status"], attempts: number): NotifyOutcome => ({ app: n.app, provider: job.provider, trigger: n.trigger, status, attempts });
  const sender = await deps.sender(job.provider);
  if (!sender) {
    deps.logger.warn("notification for a provider no longer configured", { provider: job.provider, app: n.app, trigger: n.trigger });
    return done("skipped", 0);
  }
  const message = notificationMessage(n, deps.config.templates);
  const slack = deps.config.providers.find((p) => p.name === job.provider)?.type === "slack";
  for (let attempt = 1; ; attempt++) {
    if (slack) await deps.pacer.wait(job.provider, SLACK_INTERVAL_MS);
    try {
      await sender(n, message).finally(() => {
        if (slack) deps.pacer.sent(job.provider);
      });
      deps.logger.info("notification delivered", { provider: job.provider, app: n.app, trigger: n.trigger, id: n.id, attempt, deliveryId: job.deliveryId });
      return done("delivered", attempt);
    } catch (error) {
      const retry = retryOf(error);
      const wait = typeof retry === "object" ? retry.afterMs : backoffMs(attempt, BACKOFF, deps.random);
      if (retry === "never" || attempt >= deps.config.attempts || wait > MAX_WAIT_MS) throw error;
      deps.logger.warn("notification not delivered; trying again", { provider: job.provider, app: n.app, attempt, waitMs: wait, error: error instanceof Error ? error.message : String(error) });
      await deps.sleep(wait);
    }
  }
}
