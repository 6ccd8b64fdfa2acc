// The fixture table against Argo CD's documented results: one test per fixture, and a count of
// how many agree, printed so a run shows the figure.
import { afterAll, describe, expect, it } from "vitest";
import { resourceHealth } from "../../../../src/engine/health/resource-health.ts";
import { argoFixtures } from "./fixtures/argo-fixtures.ts";
import { ecosystemFixtures } from "./fixtures/ecosystem-fixtures.ts";
import type { HealthFixture } from "./fixtures/health-fixture.ts";
import { podFixtures } from "./fixtures/pod-fixtures.ts";
import { workloadFixtures } from "./fixtures/workload-fixtures.ts";

const tables: [string, HealthFixture[]][] = [
  ["built-in kinds", [...workloadFixtures, ...podFixtures]],
  ["custom resources", [...argoFixtures, ...ecosystemFixtures]],
];

describe.each(tables)("health agrees with Argo CD: %s", (table, fixtures) => {
  const agreed = { argo: 0, sluice: 0 };
  afterAll(() => {
    const argo = fixtures.filter((f) => f.source === "argo").length;
    console.info(`${table}: ${agreed.argo}/${argo} agree with Argo CD; ${agreed.sluice}/${fixtures.length - argo} Sluice-only cases`);
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    // Act
    const health = resourceHealth(f.object);

    // Assess
    expect(health?.status).toBe(f.expected);
    if (f.message instanceof RegExp) expect(health?.message).toMatch(f.message);
    else if (f.message !== undefined) expect(health?.message).toBe(f.message);
    agreed[f.source] += 1;
  });
});
