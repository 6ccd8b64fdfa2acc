import type { QueuedJob } from "../../../../src/core/queue/job.ts";
import { QueueUnavailableError, type JobQueue } from "../../../../src/core/queue/job-queue.ts";

/** A JobQueue that keeps what it is given, or refuses when told to. */
export class FakeQueue implements JobQueue {
  readonly jobs: QueuedJob[] = [];
  down = false;

  async enqueue(jobs: readonly QueuedJob[]): Promise<void> {
    if (this.down) throw new QueueUnavailableError("queue down");
    this.jobs.push(...jobs);
  }
}
