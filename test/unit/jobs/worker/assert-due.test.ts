import { describe, expect, it } from "vitest";
import { retryOf } from "../../../../src/core/errors/retry-of.ts";
import { assertDue, NotDueError } from "../../../../src/jobs/worker/assert-due.ts";

describe("assertDue", () => {
  const now = () => new Date("2026-01-02T03:04:05.000Z");
  const job = (notBefore?: string) => ({ kind: "sync" as const, app: "shop", deliveryId: "d", trigger: "webhook" as const, ...(notBefore ? { notBefore } : {}) });

  it("hands back a job not yet due with the wait, for the worker to postpone the message", () => {
    const error = (() => {
      try {
        assertDue(job("2026-01-02T03:04:25.000Z"), now);
        return undefined;
      } catch (e) {
        return e;
      }
    })();

    expect(error).toBeInstanceOf(NotDueError);
    expect(retryOf(error)).toEqual({ afterMs: 20_000 });
  });

  it("lets a due job, and a job without notBefore, run", () => {
    expect(() => assertDue(job("2026-01-02T03:04:05.000Z"), now)).not.toThrow();
    expect(() => assertDue(job(), () => { throw new Error("no clock needed"); })).not.toThrow();
  });
});
