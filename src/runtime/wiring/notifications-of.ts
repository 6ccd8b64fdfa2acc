import type { AppIndex } from "../../core/apps/app-index.ts";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import { undiciTransport } from "../../adapters/http/undici-transport.ts";
import type { Notifications } from "../../core/queue/notifications.ts";
import { workerNotifications } from "../../jobs/notify/worker-notifications.ts";

export interface NotificationParts {
  config: SluiceConfig;
  env: { AWS_REGION: string };
  logger: Logger;
  queue?: JobQueue | undefined;
}

/**
 * The worker's notifications when sluice.yaml has any and there is a queue to put them on; none
 * otherwise. Each provider's requests time out after 10 s: a slow receiver holds up only its own jobs.
 */
export function notificationsOf(parts: NotificationParts, secrets: SecretResolver, appIndex: () => Promise<AppIndex>, clock: { now(): number; sleep(ms: number): Promise<void> }): { notifications?: Notifications } {
  const config = parts.config.notifications;
  if (!config || config.providers.length === 0 || !parts.queue) return {};
  const http = undiciTransport({ timeoutMs: 10_000 });
  return { notifications: workerNotifications({ config, queue: parts.queue, appIndex, logger: parts.logger, clock, http, secrets, region: parts.env.AWS_REGION }) };
}
