import { describe, expect, it } from "vitest";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { identityKey, refOf } from "../../../../src/adapters/kube/object-ref.ts";
import { diffPlanned, type PlannedObject } from "../../../../src/engine/sync/diff-objects.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

const cfg: LiveObject = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg", namespace: "shop" }, data: { level: "info" } };
const planned = (live: LiveObject): PlannedObject => ({ key: identityKey(refOf(cfg)), ref: refOf(cfg), object: cfg, definedInSync: false, live, ignored: [] });

describe("diffPlanned", () => {
  it("calls an object a client-side manager still owns fields of OutOfSync, though the dry run matches it", async () => {
    // Prepare: the same object twice, once last applied by Argo CD's client-side sync
    const kube = new FakeKubeClient();
    const entry = (manager: string, operation: string) => ({ manager, operation, apiVersion: "v1", fieldsV1: { "f:data": {} } });
    const mine = { ...cfg, metadata: { ...cfg.metadata, managedFields: [entry("sluice", "Apply")] } };
    const argo = { ...cfg, metadata: { ...cfg.metadata, managedFields: [entry("sluice", "Apply"), entry("argocd-controller", "Update")] } };

    // Act
    const diffs = await diffPlanned(kube, [planned(mine), planned(argo)], 2);

    // Assess
    expect(diffs.map((d) => `${d.status}:${d.message ?? ""}`)).toEqual([
      "Synced:", "OutOfSync:last applied client-side by argocd-controller: a sync takes its fields over",
    ]);
  });
});
