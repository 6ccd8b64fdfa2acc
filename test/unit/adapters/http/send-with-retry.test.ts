import { describe, expect, it } from "vitest";
import type { HttpRequest, HttpTransport } from "../../../../src/adapters/http/http-transport.ts";
import { NoAnswerError } from "../../../../src/adapters/http/no-answer-error.ts";
import { retryAfterMs } from "../../../../src/adapters/http/retry-after.ts";
import { sendWithRetry, type RetryPolicy } from "../../../../src/adapters/http/send-with-retry.ts";
import { backoffMs } from "../../../../src/core/util/backoff.ts";
import { fakeClock, fakeRegistryHttp, type FakeAnswer } from "../registry/fake-registry-http.ts";

const GET: HttpRequest = { method: "GET", url: "https://api.example/x", headers: {} };

function policy(clock: ReturnType<typeof fakeClock>, extra: Partial<RetryPolicy> = {}): RetryPolicy {
  return { clock, random: () => 0.5, maxAttempts: 4, backoff: { baseMs: 100, maxMs: 250 }, ...extra };
}

/** Answers in turn from `answers`, the last one from then on. */
const answering = (...answers: FakeAnswer[]) => fakeRegistryHttp((_, n) => answers[Math.min(n, answers.length) - 1] ?? { status: 200 });

describe("sendWithRetry", () => {
  it("retries a 503 with capped backoff and returns the answer that came", async () => {
    // Prepare
    const clock = fakeClock();
    const http = answering({ status: 503 }, { status: 502 }, { status: 504 }, { status: 200, body: "ok" });

    // Act
    const res = await sendWithRetry(http, GET, policy(clock));

    // Assess: 100, 200, then 400 capped at 250 ms (random 0.5 is the middle of the jitter).
    expect(res.status).toBe(200);
    expect(clock.slept).toEqual([100, 200, 250]);
  });

  it("waits the Retry-After a 429 gives, in seconds or as an HTTP date", async () => {
    // Prepare
    const clock = fakeClock(Date.parse("2026-01-01T00:00:00Z"));
    const http = answering({ status: 429, headers: { "retry-after": "3" } }, { status: 503, headers: { "retry-after": "Thu, 01 Jan 2026 00:00:05 GMT" } }, { status: 200 });

    // Act
    await sendWithRetry(http, GET, policy(clock));

    // Assess: 3 s, then until the date (5 s after the start, 3 s already gone).
    expect(clock.slept).toEqual([3_000, 2_000]);
  });

  it("hands back a Retry-After longer than it may wait, and the last answer once attempts are spent", async () => {
    // Prepare
    const clock = fakeClock();
    const long = answering({ status: 429, headers: { "retry-after": "120" } });
    const down = answering({ status: 500 });

    // Act
    const [a, b] = [await sendWithRetry(long, GET, policy(clock, { maxWaitMs: 5_000 })), await sendWithRetry(down, GET, policy(clock))];

    // Assess
    expect([a.status, long.requests.length]).toEqual([429, 1]);
    expect([b.status, down.requests.length]).toEqual([500, 4]);
  });

  it("retries no answer, but never a POST, and never an error classified as never", async () => {
    // Prepare
    const clock = fakeClock();
    let calls = 0;
    const silent: HttpTransport = () => {
      calls += 1;
      return Promise.reject(new NoAnswerError("GET", GET.url, new Error("socket hang up")));
    };
    const post: HttpRequest = { ...GET, method: "POST", body: "{}" };
    const failing = answering({ status: 503 });

    // Act
    const error = await sendWithRetry(silent, GET, policy(clock)).then(() => undefined, (e: unknown) => e);
    const posted = await sendWithRetry(failing, post, policy(clock));

    // Assess
    expect(calls).toBe(4);
    expect(error).toMatchObject({ endpoint: "api.example", retry: "later" });
    expect([posted.status, failing.requests.length]).toEqual([503, 1]);
  });

  it("leaves the wait to a caller that holds requests itself, calling its hook before every attempt", async () => {
    // Prepare
    const clock = fakeClock();
    const held: number[] = [];
    let attempts = 0;
    const http = answering({ status: 429, headers: { "retry-after": "2" } }, { status: 200 });

    // Act
    await sendWithRetry(http, GET, policy(clock, { beforeAttempt: async () => void (attempts += 1), onRetryAfter: (_, ms) => held.push(ms) > 0 }));

    // Assess
    expect({ attempts, held, slept: clock.slept }).toEqual({ attempts: 2, held: [2_000], slept: [] });
  });
});

describe("retryAfterMs and backoffMs", () => {
  it("read Retry-After and spread waits between half and one and a half times the capped step", () => {
    expect([retryAfterMs("7", 0), retryAfterMs("soon", 0), retryAfterMs(undefined, 0)]).toEqual([7_000, undefined, undefined]);
    expect(retryAfterMs("Thu, 01 Jan 1970 00:00:01 GMT", 5_000)).toBe(0);
    const options = { baseMs: 100, maxMs: 1_000 };
    expect([1, 2, 5, 9].map((a) => backoffMs(a, options, () => 0))).toEqual([50, 100, 500, 500]);
    expect([1, 2, 5, 9].map((a) => backoffMs(a, options, () => 0.999))).toEqual([150, 300, 1499, 1499]);
  });
});
