import { SendMessageBatchCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { QueuedJob } from "../../core/queue/job.ts";
import { QueueUnavailableError, type JobQueue } from "../../core/queue/job-queue.ts";

const BATCH = 10;

/** A JobQueue on an SQS FIFO queue; the client is injected. */
export class SqsJobQueue implements JobQueue {
  constructor(private readonly client: SQSClient, private readonly queueUrl: string) {}

  async enqueue(jobs: readonly QueuedJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += BATCH) {
      const chunk = jobs.slice(i, i + BATCH);
      let failed: string[];
      try {
        const out = await this.client.send(new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: chunk.map((q, n) => ({
            Id: String(n),
            MessageBody: JSON.stringify(q.job),
            MessageDeduplicationId: q.deduplicationId,
            MessageGroupId: q.groupId,
          })),
        }));
        failed = (out.Failed ?? []).map((f) => `${f.Id ?? "?"}: ${f.Code ?? ""} ${f.Message ?? ""}`.trim());
      } catch (error) {
        throw new QueueUnavailableError(`the job queue did not accept jobs: ${(error as Error).message}`, { cause: error });
      }
      if (failed.length > 0) throw new QueueUnavailableError(`the job queue refused ${failed.length} job(s): ${failed.join("; ")}`);
    }
  }
}
