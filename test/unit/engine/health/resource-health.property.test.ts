// Whatever a controller (or a broken one) writes, health answers: a status of the enum and a
// one-line message, never a throw.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { healthConfigSchema } from "../../../../src/core/config/health-config.ts";
import { healthOverrides } from "../../../../src/engine/health/config/health-overrides.ts";
import { BUILT_IN_CHECKS } from "../../../../src/engine/health/built-in-checks.ts";
import { HEALTH_STATUSES } from "../../../../src/engine/health/health-status.ts";
import { resourceHealth, type HealthOverrides } from "../../../../src/engine/health/resource-health.ts";
import { assertProperty } from "../../property/assert-property.ts";
import { argoFixtures } from "./fixtures/argo-fixtures.ts";
import { ecosystemFixtures } from "./fixtures/ecosystem-fixtures.ts";

const versions = (group: string) => (group === "" ? ["v1"] : [`${group}/v1`, `${group}/v1beta1`, `${group}/v2`]);
const builtIns = Object.keys(BUILT_IN_CHECKS).flatMap((key) => {
  const [group = "", kind = ""] = key.split("/");
  return versions(group).map((apiVersion) => ({ apiVersion, kind }));
});
const custom = [...argoFixtures, ...ecosystemFixtures].map((f) => ({ apiVersion: f.object.apiVersion, kind: f.object.kind }));
const types = fc.constantFrom(...builtIns, ...custom, { apiVersion: "example.dev/v1", kind: "Widget" });

// Values of the shapes status fields take, and the wrong ones: numbers as strings, nulls, lists.
const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(
  "True", "False", "Unknown", "Running", "Pending", "Failed", "Succeeded", "Healthy", "Paused", "3", "x", "Ready"));
const condition = fc.record({
  type: fc.oneof(fc.constantFrom("Ready", "Stalled", "Reconciling", "Synced", "Accepted", "Programmed", "ResolvedRefs",
    "AbleToScale", "ScalingLimited", "Established", "Failed", "Complete", "Suspended", "Issuing", "Available"), leaf),
  status: leaf, reason: leaf, message: leaf, observedGeneration: leaf,
}, { requiredKeys: [] });
const field = fc.oneof(leaf, fc.array(condition, { maxLength: 3 }), fc.dictionary(fc.string(), leaf, { maxKeys: 3 }));
const section = fc.oneof(fc.constant(null), fc.dictionary(fc.constantFrom(
  "conditions", "phase", "message", "observedGeneration", "replicas", "updatedReplicas", "availableReplicas", "readyReplicas",
  "currentPodHash", "stableRS", "pauseConditions", "parents", "listeners", "active", "lastScheduleTime", "lastSuccessfulTime",
  "containerStatuses", "loadBalancer", "suspend", "paused", "restartPolicy", "type", "strategy", "validationMessages"), field));
const liveObject = fc.record({
  type: types,
  metadata: fc.oneof(fc.constant(null), fc.record({ name: fc.string(), generation: leaf,
    annotations: fc.oneof(fc.constant(null), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 })) }, { requiredKeys: [] })),
  spec: section, status: section,
}).map(({ type, ...rest }) => ({ ...type, ...rest }));

describe("resourceHealth on random objects", () => {
  it("never throws, and answers a known status with a one-line message", () => {
    assertProperty(fc.property(liveObject, (object) => {
      // Act
      const health = resourceHealth(object);

      // Assess
      if (health === undefined) return;
      expect(HEALTH_STATUSES).toContain(health.status);
      expect(health.message ?? "").not.toMatch(/\n|failed: \[/);
      if (health.message?.includes("health check failed")) expect(health.message).toMatch(/^\w+ health check failed: \S/);
    }), { numRuns: 2000 });
  });
});

describe("resourceHealth with configured CEL and Lua checks on random objects", () => {
  let overrides: HealthOverrides | undefined;
  beforeAll(async () => {
    // Checks written as users do: assuming fields that a random object may not have.
    overrides = await healthOverrides(healthConfigSchema.parse({
      healthCheckExprs: [{ apiVersion: "example.dev/v1", kind: "Widget", failed: "status.phase == 'Failed'",
        current: "status.conditions.exists(c, c.type == 'Ready' && c.status == 'True')" }],
      // The Lua check answers only Healthy or Progressing itself, so an Unknown can come only from a check that errored.
      lua: { "*_*": "hs = {}\nfor _, c in ipairs(obj.status.conditions) do if c.type == 'Ready' then hs.status = (c.status == 'True') and 'Healthy' or 'Progressing' end end\nreturn hs" },
    }), undefined);
  });

  it("never throws: a check that errors is Unknown with a one-line reason", () => {
    assertProperty(fc.property(liveObject, (object) => {
      // Act
      const health = resourceHealth(object, overrides);

      // Assess
      if (health === undefined) return;
      expect(HEALTH_STATUSES).toContain(health.status);
      expect(health.message ?? "").not.toMatch(/\n/);
      if (health.status === "Unknown") expect(health.message).toMatch(/health check failed: (CEL|Lua)/);
    }), { numRuns: 300 });
  });
});
