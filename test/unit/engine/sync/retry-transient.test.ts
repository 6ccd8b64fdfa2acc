import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import { retryTransient } from "../../../../src/engine/sync/retry-transient.ts";

const refused = (status: number, message: string, retryAfterMs?: number) =>
  new KubeApiError(status, message, { endpoint: "cluster:prod", ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
const SA_PENDING = 'pods "migrate" is forbidden: error looking up service account shop/default: serviceaccount "default" not found';

/** A call that fails with `errors` in turn, then answers "applied". */
function scripted(errors: Error[]) {
  let calls = 0;
  return { call: async () => { calls += 1; const e = errors.shift(); if (e) throw e; return "applied"; }, calls: () => calls };
}

describe("retryTransient", () => {
  it("waits out an API server restart, priority-and-fairness 429s and a pending service account, honouring Retry-After", async () => {
    // Prepare
    const econnrefused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const script = scripted([econnrefused, refused(503, "apiserver restarting"), refused(429, "too many requests", 3_000), refused(403, SA_PENDING)]);
    const sleeps: number[] = [];

    // Act
    const answer = await retryTransient(script.call, { sleep: async (ms) => void sleeps.push(ms), budgetMs: 20_000, random: () => 0.5 });

    // Assess: backoff 500, 1000, then the server's 3 s, then 4000 (doubling, capped)
    expect(answer).toBe("applied");
    expect(script.calls()).toBe(5);
    expect(sleeps).toEqual([500, 1000, 3000, 4000]);
  });

  it("throws a permanent refusal at once, and a transient one once the budget is spent", async () => {
    // Prepare
    const invalid = scripted([refused(422, "spec.replicas: Invalid value")]);
    const conflict = new KubeApiError(409, "Apply failed with 1 conflict", { reason: "Conflict", causes: [{ type: "FieldManagerConflict", field: ".data.a" }] });
    const conflicted = scripted([conflict]);
    const down = scripted(Array.from({ length: 10 }, () => refused(503, "down")));
    const sleeps: number[] = [];
    const options = { sleep: async (ms: number) => void sleeps.push(ms), budgetMs: 2_000, random: () => 0.5 };

    // Act
    const outcomes = await Promise.allSettled([retryTransient(invalid.call, options), retryTransient(conflicted.call, options), retryTransient(down.call, options)]);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect([invalid.calls(), conflicted.calls(), down.calls()]).toEqual([1, 1, 3]);
    expect(sleeps).toEqual([500, 1000]);
  });
});
