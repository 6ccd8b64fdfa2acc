import { parseJob } from "../../core/queue/job.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { runJob, type JobOutcome } from "./run-job.ts";
import { assertDue } from "./assert-due.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { notifyJobFailed } from "../notify/notify-job-failed.ts";
import { retryTransient } from "../../engine/sync/retry-transient.ts";

/**
 * How long a job waits out failures that pass (an API server restarting, a git server back soon)
 * and runs again, before the queue retries it: each redelivery spends one of the queue's receives,
 * and the fifth sends a healthy job to the dead-letter queue. Under the local runtime's 30 s
 * visibility timeout, so the queue does not hand the message to a second worker meanwhile.
 */
export const JOB_RETRY_BUDGET_MS = 20_000;

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
    // Jobs are idempotent (the queue redelivers them anyway): running one again is a redelivery without the
    // receive. A notification's retries are the queue's alone: one send per receive, its receiver paced.
    if (job.kind === "notify") return await runJob(job, deps);
    return await retryTransient(() => runJob(job, deps), { sleep: deps.sleep, budgetMs: JOB_RETRY_BUDGET_MS });
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
