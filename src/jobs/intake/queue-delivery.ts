import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import { matchEvent } from "./match-event.ts";
import type { AppIndexReader } from "../../core/apps/app-index-reader.ts";
import { staticAppIndexReader } from "../../core/apps/static-app-index-reader.ts";
import { generatedChanges } from "./generated-changes.ts";
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
export async function queueDelivery(provider: string, delivery: ParsedDelivery, deps: { config: SluiceConfig; queue: JobQueue; logger: Logger; apps?: AppIndexReader | undefined }): Promise<DeliveryOutcome> {
  const matched: QueuedJob[] = [];
  const ignored = [...delivery.ignored];
  const apps = deps.apps ?? staticAppIndexReader(deps.config);
  // A push to an app source or a generator's repository, or a request event, can add or remove apps: read the index
  // again (once), and compare it with the one held, however old, so what changed since becomes jobs.
  const moved = delivery.events.some((e) => e.kind !== "image-push" && apps.watches(e.repositoryKeys));
  // A reader that cannot say what it holds is asked for its current index, as before.
  const held = moved ? (apps.held ? apps.held() : await apps.current()) : undefined;
  const index = moved ? await apps.refresh() : await apps.current();
  const before = held ?? index;
  if (index !== before) matched.push(...generatedChanges(before, index, delivery));
  for (const event of delivery.events) {
    const match = matchEvent(event, index, deps.config, delivery.deliveryId);
    matched.push(...match.jobs);
    ignored.push(...match.ignored);
  }
  const jobs = oneUnrevisedSyncPerApp(matched);
  // Each job names the provider whose delivery queued it, so what it reports says where it came from.
  for (const queued of jobs) if (queued.job.kind === "image-update" || queued.job.kind === "sync") queued.job.provider = provider;
  if (jobs.length > 0) await deps.queue.enqueue(jobs);
  const summaries = jobs.map(({ job }): JobSummary => (job.kind === "image-update"
    ? { app: job.app, repository: job.repository, tag: job.tag }
    : { app: job.app, ...("revision" in job && job.revision ? { revision: job.revision } : {}) }));
  deps.logger.info("delivery accepted", { provider, deliveryId: delivery.deliveryId, jobs: summaries, ignored });
  return { deliveryId: delivery.deliveryId, jobs: summaries, ignored };
}

/** A request event's app may be both new to the index and matched by the event: one sync without a revision per app is enough. */
function oneUnrevisedSyncPerApp(jobs: QueuedJob[]): QueuedJob[] {
  // The usual delivery (one image push, one app) has nothing to drop: no set to build.
  if (jobs.length < 2) return jobs;
  const seen = new Set<string>();
  return jobs.filter(({ job }) => {
    if (job.kind !== "sync" || job.revision !== undefined) return true;
    if (seen.has(job.app)) return false;
    seen.add(job.app);
    return true;
  });
}
