import { describe, expect, it } from "vitest";
import { EndpointBackoff } from "../../../../src/jobs/sweep/endpoint-backoff.ts";
import type { EndpointState } from "../../../../src/jobs/sweep/sweep-state.ts";

const at = (iso: string) => new Date(iso);

/** Runs `sweeps` sweeps in which the endpoint always fails, one every three minutes; the retry times they set. */
function failingSweeps(sweeps: number): { tried: boolean; retryAt: string | undefined }[] {
  let state: Record<string, EndpointState> = {};
  const out = [];
  for (let i = 0; i < sweeps; i++) {
    const backoff = new EndpointBackoff(state, new Date(Date.parse("2026-11-21T00:00:00Z") + i * 180_000));
    const tried = backoff.blocked("registry:r") === undefined;
    if (tried) backoff.failed("registry:r", "503");
    state = backoff.state();
    out.push({ tried, retryAt: state["registry:r"]?.retryAt });
  }
  return out;
}

describe("EndpointBackoff", () => {
  it("waits twice as long after each sweep in which the endpoint failed, retrying at once after the first", () => {
    const sweeps = failingSweeps(8);

    expect(sweeps.map((s) => s.tried)).toEqual([true, true, true, false, true, false, false, true]);
    expect(sweeps[0]?.retryAt).toBe("2026-11-21T00:01:00.000Z");
    expect(sweeps[2]?.retryAt).toBe("2026-11-21T00:10:00.000Z");
  });

  it("never waits more than the maximum", () => {
    const backoff = new EndpointBackoff({ "git:h": { failures: 20, retryAt: "2026-11-21T00:00:00.000Z", reason: "x" } }, at("2026-11-21T00:00:00Z"));
    backoff.failed("git:h", "down");

    expect(backoff.state()["git:h"]).toEqual({ failures: 21, retryAt: "2026-11-21T00:30:00.000Z", reason: "down" });
  });

  it("waits the Retry-After an endpoint asked for when it is longer than the doubling, up to the maximum", () => {
    // Prepare
    const backoff = new EndpointBackoff({}, at("2026-11-21T00:00:00Z"));

    // Act
    backoff.failed("registry:r", "429", 300_000);
    backoff.failed("registry:q", "429", 5_000);
    backoff.failed("registry:p", "429", 7_200_000);

    // Assess
    expect(Object.values(backoff.state()).map((s) => s.retryAt)).toEqual(["2026-11-21T00:05:00.000Z", "2026-11-21T00:01:00.000Z", "2026-11-21T00:30:00.000Z"]);
  });

  it("forgives an endpoint that answered once in a sweep, even if another call to it failed", () => {
    const backoff = new EndpointBackoff({ "git:h": { failures: 3, retryAt: "2026-11-20T00:00:00.000Z", reason: "x" } }, at("2026-11-21T00:00:00Z"));
    backoff.failed("git:h", "one repo: 502");
    backoff.answered("git:h");

    expect(backoff.state()).toEqual({});
    expect(backoff.blocked("git:h")).toBeUndefined();
  });

  it("stops calling an endpoint within a sweep after it failed, saying why", () => {
    const backoff = new EndpointBackoff({}, at("2026-11-21T00:00:00Z"));
    backoff.failed("cluster:edge", "records in edge: timed out");

    expect(backoff.blocked("cluster:edge")).toBe("records in edge: timed out");
    expect(backoff.blocked("cluster:prod")).toBeUndefined();
  });
});
