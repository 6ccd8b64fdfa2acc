import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { Manifest } from "../../../../src/adapters/render/manifest.ts";
import { syncObjects } from "../../../../src/engine/sync/sync-objects.ts";
import { FakeKubeClient } from "../../adapters/kube/fake-kube-client.ts";

const app = (syncPolicy: Record<string, unknown> = {}) => {
  const config = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { directory: "/tmp/unused", namespace: "shop" }, syncPolicy }] });
  const a = config.apps[0];
  if (!a) throw new Error("no app");
  return a;
};
const options = { concurrency: 4, sleep: async () => {}, crdTimeoutMs: 1000 };
const cm = (name: string): Manifest => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name }, data: { a: "1" } });
const dep = (name: string): Manifest => ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name }, spec: { template: { spec: { containers: [{ name: "c", ports: [{ containerPort: 80 }] }] } } } });

describe("syncObjects", () => {
  it("labels, annotates and namespaces what it applies, in kind order; cluster-scoped objects get no namespace", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    const role: Manifest = { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "reader", namespace: "wrong" }, rules: [] };

    // Act
    const run = await syncObjects(kube, app(), [dep("web"), role, cm("cfg")], [], options);

    // Assess
    expect(kube.calls.filter((c) => c.startsWith("apply"))).toEqual(["apply ConfigMap/cfg", "apply ClusterRole/reader", "apply Deployment/web"]);
    expect(run.rendered).toEqual(["apps/v1/Deployment/shop/web", "rbac.authorization.k8s.io/v1/ClusterRole//reader", "v1/ConfigMap/shop/cfg"]);
    const web = await kube.get({ apiVersion: "apps/v1", kind: "Deployment", name: "web", namespace: "shop" });
    expect(web?.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "sluice" });
    expect(web?.metadata.annotations).toEqual({ "sluice.dev/app": "shop" });
    expect(JSON.stringify(web?.["spec"])).toContain('"protocol":"TCP"');
  });

  it("reports one failing object and applies the rest; an unknown kind fails before any call", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    kube.failing.set("bad", new KubeApiError(422, 'ConfigMap "bad" is invalid', { reason: "Invalid" }));
    const widget: Manifest = { apiVersion: "example.dev/v1", kind: "Widget", metadata: { name: "w" } };

    // Act
    const run = await syncObjects(kube, app(), [cm("bad"), cm("good"), widget], [], options);

    // Assess
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(["w:failed", "bad:failed", "good:applied"]);
    expect(run.results[0]?.message).toMatch(/does not serve Widget/);
    expect(run.results[1]?.message).toBe('422 Invalid: ConfigMap "bad" is invalid');
  });

  it("names the other field manager on a conflict", async () => {
    const kube = new FakeKubeClient();
    kube.failing.set("web", new KubeApiError(409, "Apply failed with 1 conflict", { reason: "Conflict", causes: [{ type: "FieldManagerConflict", message: 'conflict with "kubectl-scale" using apps/v1', field: ".spec.replicas" }] }));
    const run = await syncObjects(kube, app(), [dep("web")], [], options);
    expect(run.results[0]?.message).toBe('conflict with another field manager: .spec.replicas (conflict with "kubectl-scale"); set syncPolicy.force: true to take these fields');
  });

  it("with dryRunFirst applies nothing when one dry run fails", async () => {
    const kube = new FakeKubeClient();
    kube.failing.set("bad", new KubeApiError(422, "invalid", { reason: "Invalid" }));
    const run = await syncObjects(kube, app({ dryRunFirst: true }), [cm("bad"), cm("good")], [], options);
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(["bad:failed", "good:skipped"]);
    expect(kube.calls.filter((c) => c.startsWith("apply"))).toEqual([]);
  });

  it("prunes leftovers that carry the app's annotation, keeps others, and defers with pruneLast", async () => {
    // Prepare: an earlier sync applied a and b; someone else's c is in the inventory by mistake
    const kube = new FakeKubeClient();
    const first = await syncObjects(kube, app(), [cm("a"), cm("b")], [], options);
    await kube.apply({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "shop" } }, {});

    // Act
    const off = await syncObjects(kube, app(), [cm("a")], [...first.inventory, "v1/ConfigMap/shop/c"], options);
    const last = await syncObjects(kube, app({ prune: true, pruneLast: true }), [cm("a")], off.inventory, options);
    const on = await syncObjects(kube, app({ prune: true, prunePropagationPolicy: "orphan" }), [cm("a")], [...off.inventory, "v1/ConfigMap/shop/c"], options);

    // Assess
    expect(off.results.find((r) => r.name === "b")).toMatchObject({ status: "skipped", message: "requires pruning (prune is off)" });
    expect(off.inventory).toContain("v1/ConfigMap/shop/b");
    expect(last.deferredPrune).toEqual(["v1/ConfigMap/shop/b"]);
    expect(on.results.filter((r) => r.status === "pruned").map((r) => r.name)).toEqual(["b"]);
    expect(kube.calls).toContain("delete ConfigMap/b Orphan");
    expect(kube.calls).not.toContain("delete ConfigMap/c Orphan");
    expect(on.inventory).toEqual(["v1/ConfigMap/shop/a"]);
  });

  it("applies no Namespace for a sync into a namespace that is there, asked to create it or not", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    kube.namespacesRequired = true;
    await kube.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "shop" } }, {});

    // Act: a sync after the app's first
    const run = await syncObjects(kube, app({ createNamespace: true }), [cm("a"), dep("web")], ["v1/ConfigMap/shop/a"], options);

    // Assess
    expect(kube.calls.filter((c) => c.startsWith("apply"))).toEqual(["apply Namespace/shop", "apply ConfigMap/a", "apply Deployment/web"]);
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(["a:applied", "web:applied"]);
  });

  it("creates the namespace when an apply finds it missing, and waits for a new CRD before its custom resources", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    const crd: Manifest = { apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.dev" }, spec: { group: "example.dev", scope: "Namespaced", names: { kind: "Widget" } } };
    const widget: Manifest = { apiVersion: "example.dev/v1", kind: "Widget", metadata: { name: "w" } };
    const realGet = kube.get.bind(kube);
    // The CRD becomes servable only once it is established and discovery is read again.
    kube.get = async (ref) => {
      if (ref.kind === "CustomResourceDefinition") kube.extraKinds.set("example.dev/v1/Widget", { name: "widgets", namespaced: true, verbs: [] });
      return realGet(ref);
    };

    kube.namespacesRequired = true;

    // Act: a later sync, into a namespace deleted since
    const run = await syncObjects(kube, app({ createNamespace: true }), [widget, crd], ["example.dev/v1/Widget/shop/w"], options);

    // Assess: the namespace applied when the Widget's apply found it missing, then the Widget again
    expect(kube.calls.filter((c) => c.startsWith("apply") || c === "forgetDiscovery")).toEqual(["apply CustomResourceDefinition/widgets.example.dev", "forgetDiscovery", "apply Widget/w", "apply Namespace/shop", "apply Widget/w"]);
    expect(run.results.map((r) => `${r.kind}:${r.status}`)).toEqual(["CustomResourceDefinition:applied", "Widget:applied"]);
  });

  it("creates the namespace first for an app's first sync", async () => {
    // Prepare
    const kube = new FakeKubeClient();
    kube.namespacesRequired = true;

    // Act
    const run = await syncObjects(kube, app({ createNamespace: true }), [cm("a")], [], options);

    // Assess
    expect(kube.calls.filter((c) => c.startsWith("apply"))).toEqual(["apply Namespace/shop", "apply ConfigMap/a"]);
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(["a:applied"]);
  });

  it("applies only what differs with applyOutOfSyncOnly", async () => {
    const kube = new FakeKubeClient();
    const first = await syncObjects(kube, app(), [cm("a"), cm("b")], [], options);
    const changed: Manifest = { ...cm("b"), data: { a: "2" } };
    const run = await syncObjects(kube, app({ applyOutOfSyncOnly: true }), [cm("a"), changed], first.inventory, options);
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(["a:unchanged", "b:applied"]);
  });
});
