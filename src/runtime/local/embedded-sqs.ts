// An embedded SQS (fauxqs, in-process) on 127.0.0.1 with Sluice's FIFO job queue and its DLQ:
// the local runtime's queue, and the tests'.
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import type { AddressInfo } from "node:net";
import { persistentStores } from "./persistent-stores.ts";

export const QUEUE_NAME = "sluice-jobs.fifo";
export const DLQ_NAME = "sluice-jobs-dlq.fifo";
export const REGION = "us-east-1";
/** fauxqs accepts any signature; these only satisfy the SDK. */
export const DUMMY_CREDENTIALS = { accessKeyId: "test", secretAccessKey: "test" } as const;

export interface QueuesOptions {
  /** Receives before a message moves to the DLQ. */
  maxReceiveCount?: number;
  visibilityTimeoutSeconds?: number;
  /**
   * Keep queues and messages in SQLite under this folder (written through before each answer), so
   * a job accepted with a 202 outlives a crash; in memory when absent.
   */
  dataDir?: string;
}

export interface Queues {
  /** http://127.0.0.1:PORT; clients must use it as `endpoint` (queue URLs name sqs.us-east-1.localhost). */
  endpoint: string;
  queueUrl: string;
  queueArn: string;
  dlqUrl: string;
  dlqArn: string;
  region: string;
  client: SQSClient;
  stop(): Promise<void>;
}

/** SQS client settings for code under test that builds its own client. */
export function sqsClientConfig(endpoint: string) {
  return { region: REGION, endpoint, credentials: DUMMY_CREDENTIALS };
}

export async function startQueues(options: QueuesOptions = {}): Promise<Queues> {
  // buildApp + listen instead of startFauxqs(), which binds 0.0.0.0.
  const persisted = options.dataDir ? await persistentStores(options.dataDir) : undefined;
  const app = buildApp({ logger: false, defaultRegion: REGION, ...(persisted ? { stores: persisted.stores } : {}) });
  if (persisted) app.addHook("onClose", async () => persisted.close());
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SQSClient(sqsClientConfig(endpoint));
  try {
    const dlq = await createQueue(client, DLQ_NAME, { FifoQueue: "true" });
    const queue = await createQueue(client, QUEUE_NAME, {
      FifoQueue: "true",
      VisibilityTimeout: String(options.visibilityTimeoutSeconds ?? 30),
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: dlq.arn,
        maxReceiveCount: String(options.maxReceiveCount ?? 5),
      }),
    });
    return {
      endpoint,
      queueUrl: queue.url,
      queueArn: queue.arn,
      dlqUrl: dlq.url,
      dlqArn: dlq.arn,
      region: REGION,
      client,
      stop: async () => {
        client.destroy();
        await app.close();
      },
    };
  } catch (error) {
    client.destroy();
    await app.close();
    throw error;
  }
}

async function createQueue(
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (url === undefined) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  const arn = Attributes?.QueueArn;
  if (arn === undefined) throw new Error(`GetQueueAttributes ${name} returned no QueueArn`);
  return { url, arn };
}
