import { describe, expect, it } from "vitest";
import { resourceDiff } from "../../../../src/engine/diff/resource-diff.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";

const ref = { apiVersion: "v1", kind: "ConfigMap", name: "c", namespace: "n" };
const object = (data: Record<string, string>, server: Record<string, unknown> = {}): LiveObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "n", ...server }, data });

describe("resourceDiff", () => {
  it("ignores server bookkeeping and status: a dry run equal to live is Synced", () => {
    const merged = object({ a: "1" }, { resourceVersion: "10", managedFields: [{ manager: "sluice" }], generation: 2 });
    const live = { ...object({ a: "1" }, { resourceVersion: "9", managedFields: [], uid: "u" }), status: { anything: true } };
    expect(resourceDiff(ref, merged, live, [])).toEqual({ ref, status: "Synced", diff: "" });
  });

  it("shows what git changes, live to git", () => {
    const diff = resourceDiff(ref, object({ a: "2" }), object({ a: "1" }), []);
    expect(diff.status).toBe("OutOfSync");
    expect(diff.reason).toBe("changed");
    expect(diff.diff).toContain("--- live/ConfigMap/n/c\n+++ git/ConfigMap/n/c");
    expect(diff.diff).toContain("-  a: '1'\n+  a: '2'");
  });

  it("names a missing object and one that requires pruning", () => {
    expect(resourceDiff(ref, object({ a: "1" }), undefined, []).reason).toBe("missing");
    expect(resourceDiff(ref, undefined, object({ a: "1" }), []).reason).toBe("requires pruning");
  });
});
