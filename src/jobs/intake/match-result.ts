import type { QueuedJob } from "../../core/queue/job.ts";

/** The jobs an event causes, and why it causes no more than these. */
export interface MatchResult {
  jobs: QueuedJob[];
  ignored: string[];
}
