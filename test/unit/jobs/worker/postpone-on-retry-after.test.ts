import type { SQSEvent } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { sqsWorker } from "../../../../handlers/lib/sqs-worker.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import { RegistryTransientError } from "../../../../src/adapters/registry/registry-errors.ts";
import { AdapterError } from "../../../../src/core/errors/adapter-error.ts";
import { postponeOnRetryAfter } from "../../../../src/jobs/worker/postpone-on-retry-after.ts";
import type { WorkerDeps } from "../../../../src/jobs/deps/worker-deps.ts";

const fail = (error: unknown) => () => Promise.reject(error);

describe("postponeOnRetryAfter", () => {
  it("postpones a message by a registry's Retry-After and still fails it", async () => {
    // Prepare
    const postponed: [string, number][] = [];
    const run = postponeOnRetryAfter(fail(new RegistryTransientError("429", { retryAfterMs: 90_500 })), async (m: string, s) => void postponed.push([m, s]), () => undefined);

    // Act
    const error = await run("m1").then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RegistryTransientError);
    expect(postponed).toEqual([["m1", 91]]);
  });

  it("leaves other failures to the queue's own timing, and caps at SQS's 12 hours", async () => {
    // Prepare
    const postponed: number[] = [];
    const postpone = async (_: string, s: number) => void postponed.push(s);

    // Act
    await postponeOnRetryAfter(fail(new Error("git unreachable")), postpone, () => undefined)("a").catch(() => undefined);
    await postponeOnRetryAfter(fail(new RegistryTransientError("503")), postpone, () => undefined)("b").catch(() => undefined);
    await postponeOnRetryAfter(fail(new RegistryTransientError("429", { retryAfterMs: 7 * 86_400_000 })), postpone, () => undefined)("c").catch(() => undefined);

    // Assess
    expect(postponed).toEqual([43_200]);
  });

  it("postpones by the wait any adapter names, an API server's or a git host's as well as a registry's", async () => {
    // Prepare
    const postponed: number[] = [];
    const postpone = async (_: string, s: number) => void postponed.push(s);
    const kube = new KubeApiError(429, "too many requests", { endpoint: "cluster:prod", retryAfterMs: 4_000 });
    const wrapped = new Error("sync failed", { cause: new AdapterError("503", { endpoint: "api.github.com", retry: { afterMs: 61_000 } }) });

    // Act
    for (const error of [kube, wrapped]) await postponeOnRetryAfter(fail(error), postpone, () => undefined)("m").catch(() => undefined);

    // Assess
    expect(postponed).toEqual([4, 61]);
  });
});

describe("sqsWorker", () => {
  it("reports only the failed messages, and a failed message's later group members, as batch item failures", async () => {
    // Prepare: a message that is not a job fails (it belongs in the DLQ after retries); an unknown app is dropped for good.
    const deps = { config: parseConfig("apps: []\n", "/tmp/sluice.yaml"), logger: silentLogger } as unknown as WorkerDeps;
    const record = (id: string, group: string, body: string) => ({ messageId: id, body, receiptHandle: `r-${id}`, eventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:sluice-jobs.fifo", awsRegion: "eu-west-1", attributes: { MessageGroupId: group } });
    const event = { Records: [
      record("1", "a", "not json"),
      record("2", "a", JSON.stringify({ kind: "sync", app: "gone", deliveryId: "d", trigger: "sweep" })),
      record("3", "b", JSON.stringify({ kind: "sync", app: "gone", deliveryId: "d", trigger: "sweep" })),
    ] } as unknown as SQSEvent;

    // Act
    const response = await sqsWorker(deps, {})(event);

    // Assess
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: "1" }, { itemIdentifier: "2" }] });
  });
});
