import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { identityKey, refOf } from "../../../../src/adapters/kube/object-ref.ts";
import { applyTakingOver } from "../../../../src/engine/sync/take-over-client-side.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

const csa = { manager: "kubectl-client-side-apply", operation: "Update", apiVersion: "v1", fieldsV1: { "f:data": { "f:legacy": {} } } };
const sluice = { manager: "sluice", operation: "Apply", apiVersion: "v1", fieldsV1: { "f:data": { "f:level": {} } } };
const cfg: LiveObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "shop" }, data: { level: "info" } };

/** The fake, with managed fields that survive an apply the way the API server keeps other managers' entries. */
class ManagedFieldsKube extends FakeKubeClient {
  /** Writes another client makes just before each managedFields patch, to lose the race. */
  racingWrites = 0;

  override async apply(object: LiveObject, options: { dryRun?: boolean; force?: boolean }): Promise<LiveObject> {
    const kept = this.objects.get(identityKey(refOf(object)))?.metadata.managedFields ?? [];
    const others = kept.filter((e) => (e as { manager?: string }).manager !== "sluice");
    const stored = await super.apply({ ...object, metadata: { ...object.metadata, managedFields: [sluice, ...others] } }, options);
    return stored;
  }

  override async patchManagedFields(ref: Parameters<FakeKubeClient["patchManagedFields"]>[0], version: string, entries: unknown[]): Promise<LiveObject> {
    if (this.racingWrites-- > 0) await super.apply({ ...cfg, metadata: { ...cfg.metadata, managedFields: [csa] } }, {});
    return super.patchManagedFields(ref, version, entries);
  }

  seed(managedFields: unknown[]): void {
    this.objects.set(identityKey(refOf(cfg)), { ...cfg, data: { level: "debug", legacy: "yes" }, metadata: { ...cfg.metadata, resourceVersion: "0", managedFields } });
  }
}

describe("applyTakingOver", () => {
  it("costs one apply when no client-side manager owns fields", async () => {
    // Prepare
    const kube = new ManagedFieldsKube();
    kube.seed([sluice]);

    // Act
    await applyTakingOver(kube, cfg, false);

    // Assess
    expect(kube.calls).toEqual(["apply ConfigMap/cfg"]);
  });

  it("moves the client-side fields to Sluice at the version the apply returned, then applies again", async () => {
    // Prepare
    const kube = new ManagedFieldsKube();
    kube.seed([csa]);

    // Act
    const result = await applyTakingOver(kube, cfg, false);

    // Assess
    expect(kube.calls).toEqual(["apply ConfigMap/cfg", "patch managedFields ConfigMap/cfg", "apply ConfigMap/cfg"]);
    expect(result.metadata.managedFields).toEqual([sluice]);
  });

  it("on a conflict with a client-side manager reads the object, takes its fields over and applies again", async () => {
    // Prepare: the first apply conflicts with kubectl's client-side apply, the next succeeds
    const kube = new ManagedFieldsKube();
    kube.seed([csa]);
    kube.failing.set("cfg", new KubeApiError(409, "Apply failed with 1 conflict", { reason: "Conflict", causes: [{ type: "FieldManagerConflict", message: 'conflict with "kubectl-client-side-apply" using v1', field: ".data.level" }] }));
    const original = kube.patchManagedFields.bind(kube);
    kube.patchManagedFields = async (...args) => {
      kube.failing.delete("cfg");
      return original(...args);
    };

    // Act
    await applyTakingOver(kube, cfg, false);

    // Assess
    expect(kube.calls).toEqual(["apply ConfigMap/cfg", "get ConfigMap/cfg", "patch managedFields ConfigMap/cfg", "apply ConfigMap/cfg"]);
  });

  it("starts over when another writer came between reading the managed fields and patching them", async () => {
    // Prepare
    const kube = new ManagedFieldsKube();
    kube.seed([csa]);
    kube.racingWrites = 1;

    // Act
    await applyTakingOver(kube, cfg, false);

    // Assess: the second round patched at the fresh version
    expect(kube.calls.filter((c) => c.startsWith("patch"))).toEqual(["patch managedFields ConfigMap/cfg", "patch managedFields ConfigMap/cfg"]);
    expect(kube.objects.get(identityKey(refOf(cfg)))?.metadata.managedFields).toEqual([sluice]);
  });

  it("reports a conflict with any other manager as it is", async () => {
    // Prepare
    const kube = new ManagedFieldsKube();
    kube.seed([sluice]);
    const conflict = new KubeApiError(409, "Apply failed with 1 conflict", { reason: "Conflict", causes: [{ type: "FieldManagerConflict", message: 'conflict with "kubectl-edit" using v1' }] });
    kube.failing.set("cfg", conflict);

    // Act
    const failure = await applyTakingOver(kube, cfg, false).catch((error: unknown) => error);

    // Assess
    expect(failure).toBe(conflict);
    expect(kube.calls).toEqual(["apply ConfigMap/cfg"]);
  });
});
