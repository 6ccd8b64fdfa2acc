import { describe, expect, it } from "vitest";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { SweepTaskRunner } from "../../../../src/jobs/sweep/sweep-task-runner.ts";

describe("SweepTaskRunner", () => {
  it("runs tasks never done first, then the least recently done", async () => {
    const order: string[] = [];
    const runner = new SweepTaskRunner({ a: "2026-11-21T00:03:00Z", b: "2026-11-21T00:00:00Z" }, Number.POSITIVE_INFINITY, () => new Date("2026-11-21T00:06:00Z"), silentLogger);

    await runner.run(["a", "b", "c"].map((key) => ({ key, run: async () => void order.push(key) })), 1);

    expect(order).toEqual(["c", "b", "a"]);
    expect(runner.times()).toEqual({ a: "2026-11-21T00:06:00.000Z", b: "2026-11-21T00:06:00.000Z", c: "2026-11-21T00:06:00.000Z" });
  });

  it("starts nothing after the deadline; what it left keeps its old time, so the next sweep takes it first", async () => {
    // Prepare: each task takes a minute of the clock; the deadline falls after the first
    let now = Date.parse("2026-11-21T00:00:00Z");
    const runner = new SweepTaskRunner({ a: "2026-11-20T00:00:00Z" }, now + 30_000, () => new Date(now), silentLogger);
    const ran: string[] = [];

    // Act
    await runner.run(["a", "b", "c"].map((key) => ({ key, run: async () => { ran.push(key); now += 60_000; } })), 1);

    // Assess
    expect(ran).toEqual(["b"]);
    expect(runner.deferred).toEqual(["c", "a"]);
    expect(runner.times()).toEqual({ a: "2026-11-20T00:00:00Z", b: "2026-11-21T00:01:00.000Z" });
  });

  it("does not count a task that threw as done", async () => {
    const runner = new SweepTaskRunner({}, Number.POSITIVE_INFINITY, () => new Date("2026-11-21T00:00:00Z"), silentLogger);

    const done = await runner.run([{ key: "x", run: () => Promise.reject(new Error("boom")) }], 2);

    expect(done.size).toBe(0);
    expect(runner.times()).toEqual({});
  });
});
