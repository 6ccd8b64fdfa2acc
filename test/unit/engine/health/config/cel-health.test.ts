import { describe, expect, it } from "vitest";
import { healthCheckExprSchema } from "../../../../../src/core/config/health-config.ts";
import { celHealthCheck } from "../../../../../src/engine/health/config/cel-health.ts";
import { resourceHealth } from "../../../../../src/engine/health/resource-health.ts";

// The SealedSecret entry of Flux's CEL cheatsheet shape, for a kind of Sluice's test group.
const expr = healthCheckExprSchema.parse({
  apiVersion: "example.dev/v1", kind: "Widget",
  inProgress: "has(status.phase) && status.phase == 'Scaling'",
  failed: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'False')",
  current: "status.conditions.filter(e, e.type == 'Ready').all(e, e.status == 'True')",
});
const widget = (status: Record<string, unknown>, generation = 1) =>
  ({ apiVersion: "example.dev/v1", kind: "Widget", metadata: { name: "w", generation }, status: { observedGeneration: 1, ...status } });
const ready = (s: string) => ({ conditions: [{ type: "Ready", status: s }] });

describe("celHealthCheck", () => {
  const check = celHealthCheck(expr);

  it.each([
    ["current", widget(ready("True")), "Healthy"],
    ["failed", widget(ready("False")), "Degraded"],
    ["inProgress before failed and current", widget({ ...ready("False"), phase: "Scaling" }), "Progressing"],
    ["a generation not yet observed, before any expression", widget(ready("True"), 2), "Progressing"],
    ["none true: still in progress", widget({ conditions: [{ type: "Ready", status: "True" }, { type: "Ready", status: "False" }] }), "Progressing"],
  ])("%s", (_case, object, status) => {
    expect(check(object)?.status).toBe(status);
  });

  it("makes an expression that errors Unknown with its error, through resourceHealth", () => {
    // Prepare: no status.conditions yet, so the field access fails
    const overrides = { find: () => check };

    // Act
    const health = resourceHealth(widget({}), overrides);

    // Assess
    expect(health).toEqual({ status: "Unknown", message: "Widget health check failed: CEL failed: No such key: conditions" });
  });

  it("rejects an expression that is not a bool", () => {
    const notBool = celHealthCheck(healthCheckExprSchema.parse({ apiVersion: "example.dev/v1", kind: "Widget", current: "'yes'" }));
    expect(() => notBool(widget({}))).toThrow("CEL current: returned string, not a bool");
  });

  it("reads integers written as JSON numbers", () => {
    const replicas = celHealthCheck(healthCheckExprSchema.parse({ apiVersion: "example.dev/v1", kind: "Widget",
      current: "status.readyReplicas == spec.replicas" }));
    expect(replicas({ ...widget({ readyReplicas: 3 }), spec: { replicas: 3 } })?.status).toBe("Healthy");
    expect(replicas({ ...widget({ readyReplicas: 2 }), spec: { replicas: 3 } })?.status).toBe("Progressing");
  });
});
