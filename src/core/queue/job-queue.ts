import type { QueuedJob } from "./job.ts";

/** Where intake and sweep put jobs for the worker. */
export interface JobQueue {
  enqueue(jobs: readonly QueuedJob[]): Promise<void>;
}

/** The queue could not take the jobs: the sender should retry, so intake answers 503. */
export class QueueUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "QueueUnavailableError";
  }
}
