import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Logger } from "../../core/log/logger.ts";
import { postponeOnRetryAfter } from "../../jobs/worker/postpone-on-retry-after.ts";
import { processFifoBatch } from "../../jobs/worker/process-fifo-batch.ts";
import { jobLane } from "../../jobs/worker/job-lane.ts";

export interface WorkerLoop {
  stop(): Promise<void>;
}

/**
 * Polls an SQS queue and hands each message to `handle`, deleting it when `handle`
 * resolves; one group's messages in order, groups side by side. A rejected message stays and
 * is redelivered after its visibility timeout, or after the wait its error names
 * (`retry: { afterMs }`, a Retry-After); after the queue's maxReceiveCount it moves to the dead-letter queue.
 */
export function startWorkerLoop(client: SQSClient, queueUrl: string, handle: (body: string) => Promise<unknown>, logger: Logger, options: { waitSeconds?: number; visibilitySeconds?: number } = {}): WorkerLoop {
  let running = true;
  const abort = new AbortController();
  const loop = (async () => {
    while (running) {
      try {
        const out = await client.send(new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: options.waitSeconds ?? 1,
          VisibilityTimeout: options.visibilitySeconds ?? 30,
          MessageSystemAttributeNames: ["MessageGroupId"],
        }), { abortSignal: abort.signal });
        const batch = (out.Messages ?? []).map((m, i) => ({ id: m.MessageId ?? String(i), body: m.Body ?? "", groupId: m.Attributes?.MessageGroupId, receipt: m.ReceiptHandle }));
        // Groups side by side, each in order, a failed message holding back its group's later ones: as the Lambda worker.
        const run = postponeOnRetryAfter(
          (message: (typeof batch)[number]) => handle(message.body),
          async (message, seconds) => void await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receipt, VisibilityTimeout: seconds })),
          (error) => logger.warn("could not postpone a message", { error: error instanceof Error ? error.message : String(error) }),
        );
        await processFifoBatch(batch, async (message) => {
          try {
            await run(message);
          } catch (error) {
            logger.warn("message left for redelivery", { messageId: message.id, error: error instanceof Error ? error.message : String(error) });
            throw error;
          }
          await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.receipt }));
        }, jobLane);
      } catch (error) {
        if (!running) break;
        logger.error("receive failed", { error: error instanceof Error ? error.message : String(error) });
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  })();
  return {
    async stop() {
      running = false;
      abort.abort();
      await loop;
    },
  };
}
