import { describe, expect, it } from "vitest";
import { AdapterError } from "../../../../src/core/errors/adapter-error.ts";
import { PermanentJobError } from "../../../../src/core/errors/permanent-job-error.ts";
import { retryForStatus } from "../../../../src/core/errors/retry-for-status.ts";
import { retryAfterMsOf, retryOf } from "../../../../src/core/errors/retry-of.ts";

describe("retryOf", () => {
  it("reads the retry an adapter put on the error, or on the error it wraps", () => {
    // Prepare
    const throttled = new AdapterError("429", { endpoint: "registry:ghcr.io", retry: { afterMs: 30_000 } });
    const wrapped = new Error("bump failed", { cause: throttled });

    // Act
    const answers = [retryOf(throttled), retryOf(wrapped), retryAfterMsOf(wrapped)];

    // Assess
    expect(answers).toEqual([{ afterMs: 30_000 }, { afterMs: 30_000 }, 30_000]);
  });

  it("reads a PermanentJobError as never, even around an error that could be retried", () => {
    const inner = new AdapterError("503", { endpoint: "cluster:prod", retry: "later" });
    expect(retryOf(new PermanentJobError("app gone", { cause: inner }))).toBe("never");
  });

  it("reads Node's network errors as later, and anything else as the caller's default", () => {
    // Prepare
    const refused = new Error("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    const bug = new TypeError("x is undefined");

    // Act
    const answers = [retryOf(refused, "never"), retryOf(bug), retryOf(bug, "never"), retryOf("a string")];

    // Assess
    expect(answers).toEqual(["later", "later", "never", "later"]);
  });
});

describe("retryForStatus", () => {
  it("retries 408, 429 and 5xx, after the Retry-After when one was given, and no other refusal", () => {
    const answers = [408, 429, 500, 503, 400, 401, 403, 404, 409, 422].map((s) => retryForStatus(s));
    expect(answers).toEqual(["later", "later", "later", "later", "never", "never", "never", "never", "never", "never"]);
    expect(retryForStatus(503, 2_000)).toEqual({ afterMs: 2_000 });
    expect(retryForStatus(404, 2_000)).toBe("never");
  });
});
