import { ChangeMessageVisibilityCommand, SendMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { describe, expect, it } from "vitest";
import { RegistryTransientError } from "../../src/adapters/registry/registry-errors.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { startQueues } from "../../src/runtime/local/embedded-sqs.ts";
import { startWorkerLoop } from "../../src/runtime/local/worker-loop.ts";

// postponeOnRetryAfter's unit tests are in test/unit/jobs/worker/; this one runs the fauxqs
// emulator on a port, so it lives with the integration tests.
describe("postponeOnRetryAfter", () => {
  it("in the local worker loop, sets the message's visibility on the real queue", async () => {
    // Prepare: a queue whose client records what it is sent.
    const queues = await startQueues();
    const sent: unknown[] = [];
    const client = new Proxy(queues.client, {
      get: (target, key, receiver) => (key === "send" ? (command: Parameters<SQSClient["send"]>[0]) => {
        sent.push(command);
        return target.send(command);
      } : Reflect.get(target, key, receiver) as unknown),
    });
    await queues.client.send(new SendMessageCommand({ QueueUrl: queues.queueUrl, MessageBody: "job", MessageGroupId: "web", MessageDeduplicationId: "1" }));
    let handled = 0;

    // Act
    const loop = startWorkerLoop(client, queues.queueUrl, async () => {
      handled += 1;
      throw new RegistryTransientError("429 from ghcr.io", { retryAfterMs: 120_000 });
    }, silentLogger, { waitSeconds: 1 });
    for (let i = 0; i < 100 && !sent.some((c) => c instanceof ChangeMessageVisibilityCommand); i++) await new Promise((r) => setTimeout(r, 50));
    await loop.stop();
    await queues.stop();

    // Assess
    expect(handled).toBe(1);
    expect(sent.filter((c) => c instanceof ChangeMessageVisibilityCommand).map((c) => (c as ChangeMessageVisibilityCommand).input.VisibilityTimeout)).toEqual([120]);
  });
});
