import { describe, expect, it } from "vitest";
import type { HttpRequest, HttpResponse } from "../../../../src/adapters/http/http-transport.ts";
import { flowGate } from "../../../../src/adapters/kube/flow-gate.ts";

/** A server that holds every request until the test answers it, recording how many were in flight at once. */
function heldServer() {
  const held: { request: HttpRequest; answer: (status: number, retryAfter?: string) => void }[] = [];
  let inFlight = 0;
  let peak = 0;
  const transport = (request: HttpRequest) => new Promise<HttpResponse>((resolve) => {
    inFlight += 1;
    peak = Math.max(peak, inFlight);
    held.push({ request, answer: (status, retryAfter) => {
      inFlight -= 1;
      resolve({ status, url: request.url, header: (name) => (name === "retry-after" ? retryAfter : undefined), text: async () => "{}" });
    } });
  });
  return { held, transport, peak: () => peak };
}

/** A clock that moves only when slept on. */
function testClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => { now += ms; } };
}

const request = (n: number): HttpRequest => ({ method: "PATCH", url: `https://api.invalid/${n}`, headers: {} });
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("flowGate", () => {
  it("keeps at most max requests in flight and lets the rest in as answers come", async () => {
    // Prepare
    const server = heldServer();
    const gate = flowGate(server.transport, { max: 4, ...testClock() });

    // Act
    const answers = Array.from({ length: 10 }, (_, n) => gate(request(n)));
    await settle();
    const first = server.held.length;
    for (let i = 0; i < 10; i++) {
      server.held[i]?.answer(200);
      await settle();
    }
    const statuses = (await Promise.all(answers)).map((r) => r.status);

    // Assess
    expect(first).toBe(4);
    expect(server.peak()).toBe(4);
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 200));
    expect(server.held.map((h) => h.request.url)).toEqual(Array.from({ length: 10 }, (_, n) => `https://api.invalid/${n}`));
  });

  it("after a 429 holds new requests until its Retry-After has passed, then lets fewer in at once", async () => {
    // Prepare: a clock whose sleeps end when the test says
    const server = heldServer();
    let now = 0;
    const sleeps: { ms: number; end: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((resolve) => sleeps.push({ ms, end: () => { now += ms; resolve(); } }));
    const gate = flowGate(server.transport, { max: 4, now: () => now, sleep });
    const answers = Array.from({ length: 8 }, (_, n) => gate(request(n)));
    await settle();

    // Act: the first answer is a 429 asking for 2 s; the other three in flight then succeed
    server.held[0]?.answer(429, "2");
    for (let i = 1; i < 4; i++) server.held[i]?.answer(200);
    await settle();
    const duringPause = server.held.length;
    sleeps[0]?.end();
    await settle();
    const afterPause = server.held.length;
    for (let i = 4; i < 8; i++) {
      server.held[i]?.answer(200);
      await settle();
    }
    const statuses = (await Promise.all(answers)).map((r) => r.status);

    // Assess: nothing sent during the pause; then the limit halved to 2, and one more after two answers
    expect(sleeps.map((s) => s.ms)).toEqual([2000]);
    expect(duringPause).toBe(4);
    expect(afterPause - duringPause).toBe(3);
    expect(server.peak()).toBe(4);
    expect(statuses).toEqual([429, 200, 200, 200, 200, 200, 200, 200]);
  });
});
