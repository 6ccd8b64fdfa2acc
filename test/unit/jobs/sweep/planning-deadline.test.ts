import { describe, expect, it } from "vitest";
import { planningDeadline } from "../../../../src/jobs/sweep/planning-deadline.ts";

describe("planningDeadline", () => {
  it("stops planning 30 s before the invocation would be stopped, and has no deadline without one", () => {
    expect(planningDeadline(170_000, 1_000_000)).toBe(1_140_000);
    expect(planningDeadline(10_000, 1_000_000)).toBe(1_000_000);
    expect(planningDeadline(undefined)).toBeUndefined();
  });
});
