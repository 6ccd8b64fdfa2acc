import { describe, expect, it } from "vitest";
import { syncSteps, type PreparedHook } from "../../../../src/engine/sync/sync-steps.ts";
import type { PreparedObject } from "../../../../src/engine/sync/prepared-object.ts";
import type { SyncPhase } from "../../../../src/engine/sync/hook-spec.ts";

const object = (kind: string, name: string): PreparedObject => {
  const ref = { apiVersion: "v1", kind, namespace: "ns", name };
  return { object: { apiVersion: "v1", kind, metadata: { name } }, ref, key: `v1/${kind}/ns/${name}`, definedInSync: false };
};
const hook = (phase: SyncPhase, wave: number, kind: string, name: string): PreparedHook => ({ ...object(kind, name), phase, wave, deletePolicies: ["BeforeHookCreation"] });
const names = (items: readonly PreparedObject[]) => items.map((i) => `${i.ref.kind}/${i.ref.name}`);

describe("syncSteps", () => {
  it("orders by phase, then wave, then kind, then name; normal resources are in the Sync phase", () => {
    // Prepare
    const resources = [
      { object: object("Deployment", "web"), wave: 1 },
      { object: object("Service", "web"), wave: 1 },
      { object: object("ConfigMap", "b"), wave: 0 },
      { object: object("ConfigMap", "a"), wave: 0 },
    ];
    const hooks = [hook("PostSync", 0, "Job", "smoke"), hook("PreSync", 5, "Job", "migrate"), hook("PreSync", -1, "Job", "backup"), hook("Sync", 1, "Job", "warm")];

    // Act
    const { steps, onFail } = syncSteps(resources, hooks);

    // Assess
    expect(steps.map((s) => `${s.phase}:${s.wave}`)).toEqual(["PreSync:-1", "PreSync:5", "Sync:0", "Sync:1", "PostSync:0"]);
    expect(names(steps[2]?.resources ?? [])).toEqual(["ConfigMap/a", "ConfigMap/b"]);
    expect(names(steps[3]?.resources ?? [])).toEqual(["Service/web", "Deployment/web"]);
    expect(names(steps[3]?.hooks ?? [])).toEqual(["Job/warm"]);
    expect(onFail).toEqual([]);
  });

  it("keeps SyncFail hooks apart, in wave order, and names generateName hooks by their prefix", () => {
    const unnamed = { ...hook("SyncFail", 0, "Job", ""), generateName: "cleanup-" };
    unnamed.object.metadata["generateName"] = "cleanup-";

    const { steps, onFail } = syncSteps([], [hook("SyncFail", 2, "Job", "page"), unnamed, hook("SyncFail", 0, "Job", "alert")]);

    expect(steps).toEqual([]);
    expect(onFail.map((s) => [s.wave, names(s.hooks)])).toEqual([[0, ["Job/alert", "Job/"]], [2, ["Job/page"]]]);
  });
});
