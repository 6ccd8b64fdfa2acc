import { describe, expect, it } from "vitest";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { clusterSweptDestination, MANAGED_SELECTOR } from "../../../../src/jobs/sweep/swept-destination.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

/** An API server where Sluice may list only inside namespaces, as with the namespaced RBAC variant. */
class NamespacedOnly extends FakeKubeClient {
  readonly lists: string[] = [];
  override async list(apiVersion: string, kind: string, namespace: string | undefined, labelSelector?: string): Promise<LiveObject[]> {
    this.lists.push(`${kind} in ${namespace ?? "all namespaces"} where ${labelSelector ?? ""}`);
    if (namespace === undefined) throw new KubeApiError(403, `configmaps is forbidden: cannot list resource "configmaps" at the cluster scope`);
    return super.list(apiVersion, kind, namespace);
  }
}

const cm = (name: string, namespace: string): LiveObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace } });

describe("clusterSweptDestination", () => {
  it("lists a kind once across namespaces, label-selected to apps' objects", async () => {
    const client = new FakeKubeClient();
    for (const o of [cm("a", "x"), cm("b", "y")]) client.objects.set(`/ConfigMap/${o.metadata.namespace}/${o.metadata.name}`, o);
    const target = clusterSweptDestination("prod", { listRecords: async () => [] }, async () => client);

    const listed = await target.listManaged?.("v1", "ConfigMap", ["x", "y"]);

    expect(listed?.map((o) => o.metadata.name).sort()).toEqual(["a", "b"]);
    expect(client.calls).toEqual(["list ConfigMap"]);
    expect(MANAGED_SELECTOR).toBe("app.kubernetes.io/managed-by=sluice,!sluice.dev/record");
  });

  it("falls back to one list per namespace where it may not list across them", async () => {
    const client = new NamespacedOnly();
    for (const o of [cm("a", "x"), cm("b", "y"), cm("c", "z")]) client.objects.set(`/ConfigMap/${o.metadata.namespace}/${o.metadata.name}`, o);
    const target = clusterSweptDestination("prod", { listRecords: async () => [] }, async () => client);

    const listed = await target.listManaged?.("v1", "ConfigMap", ["x", "y"]);

    expect(listed?.map((o) => o.metadata.name).sort()).toEqual(["a", "b"]);
    expect(client.lists).toEqual([`ConfigMap in all namespaces where ${MANAGED_SELECTOR}`, `ConfigMap in x where ${MANAGED_SELECTOR}`, `ConfigMap in y where ${MANAGED_SELECTOR}`]);
  });
});
