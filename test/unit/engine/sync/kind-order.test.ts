import { describe, expect, it } from "vitest";
import { applyTiers, applyWaves } from "../../../../src/engine/sync/kind-order.ts";

const kinds = ["Deployment", "ConfigMap", "RoleBinding", "Widget", "Role", "Namespace", "Service", "ServiceAccount", "LimitRange", "ConfigMap"];

describe("apply order", () => {
  it("puts a tier's kinds side by side, keeping namespaces first, admission's policies, roles before bindings, workloads after what their Pods need, custom resources last", () => {
    // Act
    const tiers = applyTiers(kinds.map((kind, i) => ({ kind, i })), (o) => o.kind).map((tier) => tier.map((o) => `${o.kind}#${o.i}`));

    // Assess: within a tier, in Helm's kind order, stable
    expect(tiers).toEqual([
      ["Namespace#5"],
      ["LimitRange#8"],
      ["ServiceAccount#7", "ConfigMap#1", "ConfigMap#9", "Role#4", "Service#6"],
      ["RoleBinding#2"],
      ["Deployment#0"],
      ["Widget#3"],
    ]);
  });

  it("keeps one kind per wave for pruning, in reverse", () => {
    // Act
    const waves = applyWaves(kinds, (kind) => kind);

    // Assess
    expect(waves.map((w) => w[0])).toEqual(["Namespace", "LimitRange", "ServiceAccount", "ConfigMap", "Role", "RoleBinding", "Service", "Deployment", "Widget"]);
    expect(waves[3]).toEqual(["ConfigMap", "ConfigMap"]);
  });
});
