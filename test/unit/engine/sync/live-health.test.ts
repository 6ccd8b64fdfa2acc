import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import type { Manifest } from "../../../../src/adapters/render/manifest.ts";
import { liveHealth } from "../../../../src/engine/sync/live-health.ts";
import { syncObjects } from "../../../../src/engine/sync/sync-objects.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

const app = (syncPolicy: Record<string, unknown> = {}) => {
  const config = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { directory: "/tmp/unused", namespace: "shop" }, syncPolicy }] });
  const a = config.apps[0];
  if (!a) throw new Error("no app");
  return a;
};
const options = { concurrency: 4, sleep: async () => {}, crdTimeoutMs: 1000 };
const cm: Manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { a: "1" } };
const dep: Manifest = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: 1, template: { spec: { containers: [{ name: "c" }] } } } };
const reads = (kube: FakeKubeClient) => kube.calls.filter((c) => c.startsWith("get") || c.startsWith("list"));

describe("the live state after a sync", () => {
  it("is read by nobody before applying, and the first health comes from the applies' answers", async () => {
    // Prepare
    const kube = new FakeKubeClient();

    // Act
    const run = await syncObjects(kube, app(), [cm, dep], [], options);
    const health = await liveHealth(kube, run.rendered, 4, undefined, { objects: run.live ?? new Map(), fresh: true });

    // Assess: a Deployment with no status yet is Progressing; the ConfigMap has no health
    expect(reads(kube)).toEqual([]);
    expect(health.status).toBe("Progressing");
    expect(health.resources.map((r) => r.key)).toEqual(["apps/v1/Deployment/shop/web"]);
  });

  it("is read again later only for objects whose health can move", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    const run = await syncObjects(kube, app(), [cm, dep], [], options);
    const live = kube.objects.get("apps/Deployment/shop/web");
    if (!live) throw new Error(`no Deployment in ${[...kube.objects.keys()].join(", ")}`);
    live["status"] = { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1, conditions: [{ type: "Available", status: "True" }] };
    live.metadata.generation = 1;

    // Act
    const health = await liveHealth(kube, run.rendered, 4, undefined, { objects: run.live ?? new Map(), fresh: false });

    // Assess
    expect(reads(kube)).toEqual(["get Deployment/web"]);
    expect(health.status).toBe("Healthy");
  });

  it("is read before applying when the app ignores differences, which keep live values", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    const ignoring = app({ ignoreDifferences: [{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] }] });

    // Act
    await syncObjects(kube, ignoring, [cm, dep], [], options);

    // Assess
    expect(reads(kube)).toEqual(["get ConfigMap/cfg", "get Deployment/web"]);
  });
});
