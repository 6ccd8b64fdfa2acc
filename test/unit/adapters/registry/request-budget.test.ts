import { describe, expect, it } from "vitest";
import { RegistryTransientError } from "../../../../src/adapters/registry/registry-errors.ts";
import { RequestBudget } from "../../../../src/adapters/registry/request-budget.ts";
import { fakeClock } from "./fake-registry-http.ts";

describe("RequestBudget", () => {
  it("lets a burst of `requests` through, then waits for the refill when the wait is short", async () => {
    // Prepare: 5 requests per second.
    const clock = fakeClock();
    const budget = new RequestBudget("r.example", 5, 1, clock);

    // Act
    for (let i = 0; i < 6; i++) await budget.take();

    // Assess: the sixth waited one refill interval.
    expect(clock.slept).toEqual([200]);
  });

  it("fails the job as transient instead of waiting long, saying when to retry", async () => {
    // Prepare: 2 requests per minute.
    const clock = fakeClock();
    const budget = new RequestBudget("r.example", 2, 60, clock, 5_000);
    await budget.take();
    await budget.take();

    // Act
    const error = await budget.take().then(() => undefined, (e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(RegistryTransientError);
    expect((error as RegistryTransientError).retryAfterMs).toBe(30_000);
    expect((error as Error).message).toMatch(/budget for r\.example \(2 per 60 s\) is spent/);
  });

  it("holds every request until a Retry-After has passed", async () => {
    // Prepare
    const clock = fakeClock();
    const budget = new RequestBudget("r.example", 100, 1, clock);
    budget.closeFor(3_000);

    // Act
    await budget.take();

    // Assess
    expect(clock.slept).toEqual([3_000]);
  });
});
