import { parseJob } from "../../core/queue/job.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { runJob, type JobOutcome } from "./run-job.ts";
import { assertDue } from "./assert-due.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { notifyJobFailed } from "../notify/notify-job-failed.ts";

/**
 * Handles one queue message. Resolves when the message is done with (succeeded, or failed
 * for good and reported: its error says `retry: "never"`); rejects when it should be delivered
 * again. A body that is not a job rejects too, so after the queue's retries it lands in the
 * dead-letter queue.
 */
export async function processJobMessage(body: string, deps: WorkerDeps): Promise<JobOutcome | undefined> {
  const job = parseJob(body);
  // Before the try: a job not yet due is neither a failure nor worth a warning.
  assertDue(job, () => deps.now());
  try {
    return await runJob(job, deps);
  } catch (error) {
    if (retryOf(error) === "never") {
      deps.logger.error("job failed for good", { kind: job.kind, app: job.app, deliveryId: job.deliveryId, error: messageOf(error) });
      await notifyJobFailed(job, error, deps);
      return undefined;
    }
    deps.logger.warn("job failed; will retry", { kind: job.kind, app: job.app, deliveryId: job.deliveryId, error: messageOf(error) });
    throw error;
  }
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
