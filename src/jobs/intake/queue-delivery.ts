import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import { matchEvent } from "./match-event.ts";
import type { ParsedDelivery } from "../../adapters/webhooks/providers/webhook-provider.ts";

/** A queued job as intake reports it to the sender and the log: no secrets, just what will happen. */
export type JobSummary = { app: string; repository: string; tag: string } | { app: string; revision?: string };

export interface DeliveryOutcome {
  deliveryId: string;
  jobs: JobSummary[];
  ignored: string[];
}

/**
 * Matches a parsed delivery's events to apps and queues the jobs in one call; the queue's
 * QueueUnavailableError propagates so the caller can ask the sender to retry. Logs each
 * accepted delivery once, with its provider, delivery id and jobs.
 */
export async function queueDelivery(provider: string, delivery: ParsedDelivery, deps: { config: SluiceConfig; queue: JobQueue; logger: Logger }): Promise<DeliveryOutcome> {
  const jobs: QueuedJob[] = [];
  const ignored = [...delivery.ignored];
  for (const event of delivery.events) {
    const match = matchEvent(event, deps.config, delivery.deliveryId);
    jobs.push(...match.jobs);
    ignored.push(...match.ignored);
  }
  if (jobs.length > 0) await deps.queue.enqueue(jobs);
  const summaries = jobs.map(({ job }): JobSummary => (job.kind === "image-update"
    ? { app: job.app, repository: job.repository, tag: job.tag }
    : { app: job.app, ...("revision" in job && job.revision ? { revision: job.revision } : {}) }));
  deps.logger.info("delivery accepted", { provider, deliveryId: delivery.deliveryId, jobs: summaries, ignored });
  return { deliveryId: delivery.deliveryId, jobs: summaries, ignored };
}
