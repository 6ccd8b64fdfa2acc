import { describe, expect, it } from "vitest";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { identityKey, refOf } from "../../../../src/adapters/kube/object-ref.ts";
import { diffApp, diffPlanned, type PlannedObject } from "../../../../src/engine/sync/diff-objects.ts";
import { prepareObjects } from "../../../../src/engine/sync/prepare-objects.ts";
import { configSchema } from "../../../../src/core/config/app-config.ts";
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

describe("diffApp", () => {
  const app = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { directory: "/tmp/unused", namespace: "shop" } }] }).apps[0];

  it("with nothing ignored, dry-runs every object before reading the live ones, and reads none twice", async () => {
    // Prepare: one object as git has it, one changed by hand
    if (!app) throw new Error("no app");
    const kube = new FakeKubeClient();
    const edited: LiveObject = { ...cfg, metadata: { ...cfg.metadata, name: "edited" } };
    const { objects } = await prepareObjects(kube, { name: "shop", namespace: "shop" }, [cfg, edited]);
    for (const o of objects) await kube.apply(o.object, {});
    const hand = objects[1];
    if (!hand) throw new Error("not prepared");
    await kube.apply({ ...hand.object, data: { level: "debug" } }, {});
    kube.calls.length = 0;

    // Act
    const diff = await diffApp(kube, app, objects, [], 4);

    // Assess
    expect(diff.resources.map((r) => `${r.ref.name}:${r.status}`)).toEqual(["cfg:Synced", "edited:OutOfSync"]);
    expect(kube.calls).toEqual(["dry-run apply ConfigMap/cfg", "dry-run apply ConfigMap/edited", "get ConfigMap/cfg", "get ConfigMap/edited"]);
  });
});
