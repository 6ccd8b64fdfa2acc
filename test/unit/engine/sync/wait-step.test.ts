import { describe, expect, it } from "vitest";
import type { KubeClient, LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { waitStep, type StepClock } from "../../../../src/engine/sync/wait-step.ts";

const ref = { apiVersion: "batch/v1", kind: "Job", namespace: "shop", name: "migrate" };
const jobWith = (conditions: { type: string; status: string; reason?: string; message?: string }[], active = 1): LiveObject => ({
  apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate", namespace: "shop" }, spec: {}, status: { active, conditions },
});

/** A client whose Job goes through the given states, one per read; the last repeats. */
function clientFor(states: LiveObject[]): KubeClient {
  return {
    get: async () => (states.length > 1 ? states.shift() : states[0]),
    list: async () => [],
    resource: async () => ({ name: "jobs", namespaced: true, verbs: [] }),
  } as unknown as KubeClient;
}

/** A clock that moves only when the wait sleeps. */
function clock(overrides: Partial<StepClock> = {}): StepClock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return { now: () => now, sleep: async (ms) => void (slept.push(ms), now += ms), timeoutMs: 10_000, budgetMs: 60_000, since: now, concurrency: 2, slept, ...overrides };
}

describe("waitStep", () => {
  it("waits until the hook Job completes", async () => {
    const c = clock();
    const state = await waitStep(clientFor([jobWith([]), jobWith([]), jobWith([{ type: "Complete", status: "True" }], 0)]), [], [ref], c);

    expect(state).toEqual({ status: "Succeeded", hooks: [{ kind: "Job", name: "migrate", namespace: "shop", status: "Succeeded" }] });
    expect(c.slept).toEqual([1000, 1000]);
  });

  it("fails on the hook's own failure, with its condition", async () => {
    const failed = jobWith([{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }], 0);

    const state = await waitStep(clientFor([failed]), [], [ref], clock());

    expect(state).toMatchObject({ status: "Failed", message: expect.stringMatching(/^Job\/migrate: .*Job has reached the specified backoff limit/) });
  });

  it("fails once the wave's timeout has passed since the wait began, also for a wait resumed by a later job", async () => {
    const c = clock({ timeoutMs: 3_000 });

    const fresh = await waitStep(clientFor([jobWith([])]), [], [ref], c);
    const resumed = await waitStep(clientFor([jobWith([])]), [], [ref], { ...clock({ timeoutMs: 3_000 }), since: 1_000_000 - 5_000 });

    expect(fresh).toMatchObject({ status: "Failed", message: expect.stringMatching(/^not done after 3 s: Job\/migrate: /) });
    expect(c.slept).toEqual([1000, 1000, 1000]);
    expect(resumed).toMatchObject({ status: "Failed", message: expect.stringMatching(/^not done after 3 s/) });
  });

  it("hands back Running once its in-process budget is spent, and looks once with none", async () => {
    const c = clock({ budgetMs: 2_000 });
    const once = clock({ budgetMs: 0 });

    const spent = await waitStep(clientFor([jobWith([])]), [], [ref], c);
    const looked = await waitStep(clientFor([jobWith([])]), [], [ref], once);

    expect(spent.status).toBe("Running");
    expect(c.slept).toEqual([1000, 1000]);
    expect(looked.status).toBe("Running");
    expect(once.slept).toEqual([]);
  });
});
