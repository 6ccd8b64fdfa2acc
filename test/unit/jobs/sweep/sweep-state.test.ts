import { describe, expect, it } from "vitest";
import { sweepStateSchema } from "../../../../src/jobs/sweep/sweep-state.ts";

describe("sweepStateSchema", () => {
  it("reads state stored before its tasks were named, keeping the backoff", () => {
    // Prepare: state as the sweep wrote it when tasks were kept under `units`
    const stored = { version: 1, at: "2026-11-30T10:00:00.000Z", units: { "git:r1": "2026-11-30T09:57:00.000Z" }, endpoints: { "cluster:c1": { failures: 2, retryAt: "2026-11-30T10:02:00.000Z", reason: "ECONNRESET" } }, unknown: {} };

    // Act
    const state = sweepStateSchema.parse(stored);

    // Assess
    expect(state.tasks).toEqual({ "git:r1": "2026-11-30T09:57:00.000Z" });
    expect(state.endpoints["cluster:c1"]?.failures).toBe(2);
  });

  it("refuses keys it does not know", () => {
    expect(sweepStateSchema.safeParse({ version: 1, at: "x", tasks: {}, endpoints: {}, unknown: {}, extra: 1 }).success).toBe(false);
  });
});
