// The chaos suite's SQS in a process of its own (fauxqs, persisted under a folder, on a fixed port),
// so that it can be killed and started again on the same endpoint with its messages.
//   node --import tsx test/harness/queue-child.ts <dataDir> <port> <maxReceiveCount> <visibilitySeconds>
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { DLQ_NAME, QUEUE_NAME, REGION, sqsClientConfig } from "../../src/runtime/local/embedded-sqs.ts";
import { persistentStores } from "../../src/runtime/local/persistent-stores.ts";

const [dataDir = "", port = "0", maxReceiveCount = "3", visibility = "10"] = process.argv.slice(2);
const persisted = await persistentStores(dataDir);
const app = buildApp({ logger: false, defaultRegion: REGION, stores: persisted.stores });
await app.listen({ host: "127.0.0.1", port: Number(port) });
const endpoint = `http://127.0.0.1:${port}`;
const client = new SQSClient(sqsClientConfig(endpoint));

async function create(name: string, attributes: Record<string, string>): Promise<{ url: string; arn: string }> {
  const { QueueUrl: url } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (url === undefined) throw new Error(`CreateQueue ${name} returned no QueueUrl`);
  const { Attributes } = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }));
  if (Attributes?.QueueArn === undefined) throw new Error(`GetQueueAttributes ${name} returned no QueueArn`);
  return { url, arn: Attributes.QueueArn };
}

const dlq = await create(DLQ_NAME, { FifoQueue: "true" });
const queue = await create(QUEUE_NAME, {
  FifoQueue: "true",
  VisibilityTimeout: visibility,
  RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
});
client.destroy();
process.stdout.write(`READY ${JSON.stringify({ endpoint, queueUrl: queue.url, dlqUrl: dlq.url })}\n`);
process.once("SIGTERM", () => void app.close().then(() => persisted.close()).finally(() => process.exit(0)));
