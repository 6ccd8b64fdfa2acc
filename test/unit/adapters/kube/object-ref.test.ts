import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyWaves, kindRank } from "../../../../src/engine/sync/kind-order.ts";
import { identityKey, inventoryKey, parseInventoryKey } from "../../../../src/adapters/kube/object-ref.ts";
import { assertProperty } from "../../property/assert-property.ts";

describe("inventory keys", () => {
  it("round-trip for core and grouped, namespaced and cluster-scoped objects", () => {
    const name = fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/);
    assertProperty(fc.property(fc.constantFrom("v1", "apps/v1", "networking.k8s.io/v1", "example.dev/v1alpha1"), fc.constantFrom("Deployment", "ClusterRole", "Widget"), fc.option(name, { nil: undefined }), name, (apiVersion, kind, namespace, n) => {
      const ref = { apiVersion, kind, name: n, ...(namespace ? { namespace } : {}) };
      expect(parseInventoryKey(inventoryKey(ref))).toEqual(ref);
    }));
  });

  it("rejects what is not a key, and identity ignores the API version", () => {
    expect(parseInventoryKey("Deployment/web")).toBeUndefined();
    expect(identityKey({ apiVersion: "extensions/v1beta1", kind: "Ingress", name: "i", namespace: "n" })).toBe(identityKey({ apiVersion: "extensions/v1", kind: "Ingress", name: "i", namespace: "n" }));
  });
});

describe("kind order", () => {
  it("puts Namespaces and CRDs first, workloads late, custom resources last, in waves", () => {
    const kinds = ["Widget", "Deployment", "ConfigMap", "CustomResourceDefinition", "Namespace", "Service", "ConfigMap"];
    expect(applyWaves(kinds, (k) => k)).toEqual([["Namespace"], ["CustomResourceDefinition"], ["ConfigMap", "ConfigMap"], ["Service"], ["Deployment"], ["Widget"]]);
    expect(kindRank("ServiceAccount")).toBeLessThan(kindRank("RoleBinding"));
  });
});
