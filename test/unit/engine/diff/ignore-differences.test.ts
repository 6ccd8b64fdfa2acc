import { describe, expect, it } from "vitest";
import { ignoredPaths, respectingLive, withoutPaths } from "../../../../src/engine/diff/ignore-differences.ts";
import { ignoreDifferenceSchema } from "../../../../src/core/config/sync-config.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";

// managedFields as kube-apiserver 1.20 wrote them after an HPA-like manager changed replicas and a container's image.
const live: LiveObject = {
  apiVersion: "apps/v1", kind: "Deployment",
  metadata: {
    name: "web", namespace: "shop",
    managedFields: [
      { manager: "sluice", operation: "Apply", fieldsV1: { "f:spec": { "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { ".": {}, "f:name": {} } } } } } } },
      { manager: "hpa", operation: "Update", fieldsV1: { "f:spec": { "f:replicas": {}, "f:template": { "f:spec": { "f:containers": { 'k:{"name":"web"}': { "f:image": {} } } } } } } },
    ],
  },
  spec: { replicas: 7, template: { spec: { containers: [{ name: "sidecar", image: "s:1" }, { name: "web", image: "web:live" }] } } },
};
const desired = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "shop" }, spec: { replicas: 2, template: { spec: { containers: [{ name: "web", image: "web:git" }] } } } };
const ref = { apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" };

describe("ignoreDifferences", () => {
  it("finds the leaf fields a named manager owns, list entries by their key", () => {
    const rules = [ignoreDifferenceSchema.parse({ group: "apps", kind: "Deployment", managedFieldsManagers: ["hpa"] })];
    const paths = ignoredPaths(rules, ref, live);
    expect(paths).toEqual([[{ field: "spec" }, { field: "replicas" }], [{ field: "spec" }, { field: "template" }, { field: "spec" }, { field: "containers" }, { key: { name: "web" } }, { field: "image" }]]);
    expect(withoutPaths(desired, paths).spec).toEqual({ template: { spec: { containers: [{ name: "web" }] } } });
    expect(respectingLive(desired, live, paths).spec).toEqual({ replicas: 7, template: { spec: { containers: [{ name: "web", image: "web:live" }] } } });
  });

  it("applies JSON pointers only to objects the rule names", () => {
    const rules = [ignoreDifferenceSchema.parse({ group: "apps", kind: "Deployment", name: "other", jsonPointers: ["/spec/replicas"] }), ignoreDifferenceSchema.parse({ kind: "ConfigMap", jsonPointers: ["/data/a~1b"] })];
    expect(ignoredPaths(rules, ref, live)).toEqual([]);
    const cm = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { "a/b": "1", c: "2" } };
    expect(withoutPaths(cm, ignoredPaths(rules, { apiVersion: "v1", kind: "ConfigMap", name: "c" }, undefined)).data).toEqual({ c: "2" });
  });

  it("refuses a rule with nothing to ignore, and a pointer that is not one", () => {
    expect(ignoreDifferenceSchema.safeParse({ kind: "Deployment" }).success).toBe(false);
    expect(ignoreDifferenceSchema.safeParse({ kind: "Deployment", jsonPointers: ["spec/replicas"] }).success).toBe(false);
  });
});
