import { DeleteMessageCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import type { Logger } from "../log/logger.ts";

export interface WorkerLoop {
  stop(): Promise<void>;
}

/**
 * Polls an SQS queue and hands each message to `handle`, deleting it when `handle`
 * resolves. A rejected message stays and is redelivered after its visibility timeout;
 * after the queue's maxReceiveCount it moves to the dead-letter queue.
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
        }), { abortSignal: abort.signal });
        // Messages of different groups run side by side; FIFO keeps each group in order for us.
        await Promise.all((out.Messages ?? []).map(async (message) => {
          try {
            await handle(message.Body ?? "");
            await client.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
          } catch (error) {
            logger.warn("message left for redelivery", { messageId: message.MessageId, error: error instanceof Error ? error.message : String(error) });
          }
        }));
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
