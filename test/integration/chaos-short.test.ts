// The fault suite's short form (`npm run chaos` is the full one): every fault once, fewer pushes,
// on the shared test cluster. Nothing pushed may be lost, nothing committed twice, and the
// dead-letter queue must hold exactly the poison messages injected.
import { describe, expect, inject, it } from "vitest";
import { KILL_POINTS } from "../chaos/kill-points.ts";
import { formatTable, runSuite } from "../chaos/suite.ts";

describe("fault suite, short form", () => {
  it("loses and doubles nothing through worker kills, an API server restart, git and queue outages and registry 429s", async () => {
    // Prepare and act: one world, every fault in turn.
    const result = await runSuite({
      kubeconfig: inject("kubeconfig"),
      cluster: { dir: inject("clusterDir"), api: inject("kubeApiServer") },
      apps: 4,
      workers: 2,
      visibilitySeconds: 30,
      maxReceiveCount: 5,
      killEvents: 20,
      events: 4,
      gitDownMs: 30_000,
      convergeTimeoutMs: 180_000,
      log: (line) => console.error(line),
    });
    console.info(formatTable(result.rows));

    // Assess: every fault converged with nothing lost or doubled; every kill point was hit.
    expect(result.rows.map((r) => ({ fault: r.fault, lost: r.lost, duplicated: r.duplicated, problems: r.problems, converged: r.convergeMs !== undefined })))
      .toEqual(result.rows.map((r) => ({ fault: r.fault, lost: 0, duplicated: 0, problems: [], converged: true })));
    expect(result.rows.every((r) => r.events > 0)).toBe(true);
    for (const point of KILL_POINTS) expect(result.kills[point], `workers killed at ${point}`).toBeGreaterThan(0);
    expect(result.deadLetters).toEqual(result.poison);
  }, 1_500_000);
});
