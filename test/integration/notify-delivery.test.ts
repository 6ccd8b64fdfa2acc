// Notifications through the real queue (fauxqs FIFO with a dead-letter queue) and the local worker loop,
// to real receivers: exactly once through a 500, deduplicated, dead-lettered, Slack paced, Retry-After honoured.
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { notificationsConfigSchema } from "../../src/core/config/notifications-config.ts";
import { staticAppIndex } from "../../src/core/apps/static-app-index.ts";
import { configSchema } from "../../src/core/config/app-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { parseJob } from "../../src/core/queue/job.ts";
import { SqsJobQueue } from "../../src/adapters/queue/sqs-job-queue.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { undiciTransport } from "../../src/adapters/http/undici-transport.ts";
import type { Notifications } from "../../src/core/queue/notifications.ts";
import { workerNotifications } from "../../src/jobs/notify/worker-notifications.ts";
import { startWorkerLoop, type WorkerLoop } from "../../src/runtime/local/worker-loop.ts";
import { startQueues, type Queues } from "../harness/fauxqs.ts";
import { startNotifyReceiver, type NotifyReceiver } from "../harness/notify-receiver.ts";
import { waitFor } from "../harness/wait-for.ts";
import { deployedNotification } from "./notify/sample-notification.ts";

let queues: Queues;
let receiver: NotifyReceiver;
let loop: WorkerLoop | undefined;
/** Each status the receiver answered, in order. */
let answers: number[] = [];
const delivered = () => answers.filter((status) => status === 200).length;

beforeEach(async () => {
  queues = await startQueues({ maxReceiveCount: 2, visibilityTimeoutSeconds: 1 });
  receiver = await startNotifyReceiver();
});
afterEach(async () => {
  await loop?.stop();
  loop = undefined;
  await receiver.close();
  await queues.stop();
});

function notificationsWith(providers: unknown[], attempts: number): Notifications {
  const config = notificationsConfigSchema.parse({ providers, subscriptions: [{ providers: ["team"] }], attempts });
  const clock = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };
  const index = staticAppIndex(configSchema.parse({}));
  return workerNotifications({
    config, queue: new SqsJobQueue(queues.client, queues.queueUrl), appIndex: () => Promise.resolve(index), logger: silentLogger, clock,
    http: undiciTransport(), secrets: new SecretResolver({ env: { HOOK: `${receiver.url}/hook` } }), region: "us-east-1",
  });
}

function run(notifications: Notifications): void {
  loop = startWorkerLoop(queues.client, queues.queueUrl, async (body) => {
    const job = parseJob(body);
    if (job.kind !== "notify") throw new Error(`unexpected ${job.kind} job`);
    return notifications.deliver(job);
  }, silentLogger, { waitSeconds: 1, visibilitySeconds: 1 });
}

describe("notifications as queue jobs", () => {
  it("a receiver that answers 500 and then recovers gets each notification exactly once, however often it is emitted", async () => {
    answers = [];
    receiver.answer = () => {
      const status = answers.length === 0 ? 500 : 200;
      answers.push(status);
      return { status, body: status === 200 ? "ok" : "server error" };
    };
    const notifications = notificationsWith([{ name: "team", type: "slack", url: { env: "HOOK" } }], 1);
    const n = deployedNotification("https://sluice.example.com/apps/web-prod");

    await notifications.emit([n]);
    await notifications.emit([n]); // a redelivered sync job says the same again
    run(notifications);
    await waitFor("the notification delivered", async () => (delivered() === 1 ? true : undefined), 20_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the visibility timeout: nothing more comes

    expect(answers).toEqual([500, 200]);
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1);
  });

  it("a receiver that keeps failing: the job goes to the dead-letter queue after maxReceiveCount receives", async () => {
    receiver.answer = () => ({ status: 503, body: "down" });
    const notifications = notificationsWith([{ name: "team", type: "slack", url: { env: "HOOK" } }], 1);

    await notifications.emit([deployedNotification("https://sluice.example.com/apps/web-prod")]);
    run(notifications);
    const dead = await waitFor("the job dead-lettered", async () => {
      const out = await queues.client.send(new ReceiveMessageCommand({ QueueUrl: queues.dlqUrl, WaitTimeSeconds: 1 }));
      return out.Messages?.[0];
    }, 30_000);

    expect(parseJob(dead.Body ?? "")).toMatchObject({ kind: "notify", provider: "team", app: "web-prod" });
    expect(receiver.requests).toHaveLength(2);
  });

  it("honours a 429's Retry-After, and sends to one Slack webhook at most once a second", async () => {
    const times: number[] = [];
    receiver.answer = () => {
      times.push(Date.now());
      return times.length === 1 ? { status: 429, headers: { "retry-after": "2" }, body: "rate_limited" } : { status: 200, body: "ok" };
    };
    const notifications = notificationsWith([{ name: "team", type: "slack", url: { env: "HOOK" } }], 3);
    const first = deployedNotification("https://sluice.example.com/apps/web-prod");
    const second = { ...first, id: "c".repeat(64), app: "api-prod" };

    await notifications.emit([first, second]);
    run(notifications);
    await waitFor("both delivered", async () => (times.length === 3 ? true : undefined), 20_000);

    const [t0 = 0, t1 = 0, t2 = 0] = times;
    expect(t1 - t0).toBeGreaterThanOrEqual(2_000);
    expect(t2 - t1).toBeGreaterThanOrEqual(1_000);
  });
});
