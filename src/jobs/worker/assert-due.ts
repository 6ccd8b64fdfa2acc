import type { Job } from "../../core/queue/job.ts";
import type { Retry } from "../../core/errors/retry.ts";

/**
 * A job delivered before its notBefore: SQS FIFO cannot delay one message, so the worker hands it
 * back with the wait, and postponeOnRetryAfter keeps it invisible until then.
 */
export class NotDueError extends Error {
  readonly retry: Retry;

  constructor(readonly waitMs: number) {
    super(`not due for ${Math.ceil(waitMs / 1000)} s`);
    this.name = "NotDueError";
    this.retry = { afterMs: waitMs };
  }
}

/** Throws NotDueError when the job asks not to run yet. */
export function assertDue(job: Job, now: () => Date): void {
  if (job.kind !== "sync" || !job.notBefore) return;
  const wait = Date.parse(job.notBefore) - now().getTime();
  if (wait > 0) throw new NotDueError(wait);
}
