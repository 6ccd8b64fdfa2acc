// The sync engine against the real API server and controller manager: create, update, no-op
// re-apply, prune and its propagation, conflicts, drift, dry runs, CRDs. Each test has its own
// namespace; kubectl (not Sluice's client) does the out-of-band changes and the reading back.
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { waitFor } from "../harness/wait-for.ts";
import { appFor, configMap, deployment, service } from "./sync-fixtures.ts";
import { getJson, kubectl, names } from "./sync-kubectl.ts";

describe("sync engine on a real API server", () => {
  let destination: ClusterDestination;

  beforeAll(() => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    destination = new ClusterDestination(kc, { name: "test" });
  });

  it("creates, updates, and re-applies an unchanged app without changing a resourceVersion", async () => {
    // Prepare
    const app = appFor("create-update", "sync-create");
    const v1 = [deployment("web"), configMap("web-config"), service("web")];

    // Act: create
    const created = await destination.sync(app, v1, []);

    // Assess: every object applied, labelled, annotated, owned by sluice's Apply
    expect(created.results.map((r) => `${r.kind}/${r.name}:${r.status}`)).toEqual(["ConfigMap/web-config:applied", "Service/web:applied", "Deployment/web:applied"]);
    expect(created.inventory.sort()).toEqual(["apps/v1/Deployment/sync-create/web", "v1/ConfigMap/sync-create/web-config", "v1/Service/sync-create/web"]);
    const live = await getJson("deployment", "web", "sync-create");
    expect(live?.metadata.labels?.["app.kubernetes.io/managed-by"]).toBe("sluice");
    expect(live?.metadata.annotations?.["sluice.dev/app"]).toBe("create-update");
    expect(live?.metadata.managedFields?.some((f) => f.manager === "sluice" && f.operation === "Apply")).toBe(true);

    // Act: update the image; the diff first shows exactly that line
    const v2 = [deployment("web", "registry.invalid/web:1.1.0"), configMap("web-config"), service("web")];
    const diff = await destination.diff(app, v2, created.inventory);
    await destination.sync(app, v2, created.inventory);

    // Assess
    const changed = diff.resources.filter((r) => r.status === "OutOfSync");
    expect(changed.map((r) => `${r.ref.kind}/${r.ref.name}`)).toEqual(["Deployment/web"]);
    expect(changed[0]?.diff.split("\n").filter((l) => /^[-+] /.test(l))).toEqual(["-        - image: registry.invalid/web:1.0.0", "+        - image: registry.invalid/web:1.1.0"]);
    const updated = await getJson("deployment", "web", "sync-create");
    expect((updated?.spec?.["template"] as { spec: { containers: { image: string }[] } }).spec.containers[0]?.image).toBe("registry.invalid/web:1.1.0");

    // Act: the same again
    const versions = { cm: (await getJson("configmap", "web-config", "sync-create"))?.metadata.resourceVersion, svc: (await getJson("service", "web", "sync-create"))?.metadata.resourceVersion };
    const again = await destination.sync(app, v2, created.inventory);
    const after = await destination.diff(app, v2, again.inventory);

    // Assess: applied, yet nothing on the server changed
    expect(again.results.every((r) => r.status === "applied")).toBe(true);
    expect((await getJson("configmap", "web-config", "sync-create"))?.metadata.resourceVersion).toBe(versions.cm);
    expect((await getJson("service", "web", "sync-create"))?.metadata.resourceVersion).toBe(versions.svc);
    expect(after.resources.every((r) => r.status === "Synced")).toBe(true);
  });

  it("prunes only what it applied and git dropped, after applying, and reports it when prune is off", async () => {
    // Prepare: two ConfigMaps of the app, and one of the same name pattern that is not Sluice's
    const ns = "sync-prune";
    const off = appFor("prune-app", ns);
    const first = await destination.sync(off, [configMap("keep"), configMap("drop"), deployment("web")], []);
    await kubectl("create", "configmap", "bystander", "-n", ns, "--from-literal=a=b");

    // Act: git drops "drop"; prune is off
    const kept = await destination.sync(off, [configMap("keep"), deployment("web", "registry.invalid/web:2.0.0")], first.inventory);

    // Assess: reported, not deleted, still in the inventory
    expect(kept.results.find((r) => r.name === "drop")).toMatchObject({ status: "skipped", message: "requires pruning (prune is off)" });
    expect(await names("configmap", ns)).toEqual(expect.arrayContaining(["bystander", "drop", "keep"]));
    expect(kept.inventory).toContain("v1/ConfigMap/sync-prune/drop");
    const diff = await destination.diff(off, [configMap("keep"), deployment("web", "registry.invalid/web:2.0.0")], kept.inventory);
    expect(diff.resources.filter((r) => r.status === "OutOfSync").map((r) => `${r.ref.name}:${r.reason}`)).toEqual(["drop:requires pruning"]);

    // Act: prune on; the bystander is smuggled into the inventory to prove the annotation guards it
    const rvBefore = JSON.parse(await kubectl("get", "--raw", `/api/v1/namespaces/${ns}/configmaps`)).metadata.resourceVersion as string;
    const on = appFor("prune-app", ns, { prune: true });
    const pruned = await destination.sync(on, [configMap("keep"), deployment("web", "registry.invalid/web:3.0.0")], [...kept.inventory, "v1/ConfigMap/sync-prune/bystander"]);

    // Assess
    expect(pruned.results.find((r) => r.name === "drop")).toMatchObject({ status: "pruned" });
    expect(pruned.results.find((r) => r.name === "bystander")).toBeUndefined();
    await waitFor("foreground deletion of drop", async () => ((await names("configmap", ns)).includes("drop") ? undefined : true));
    expect(await names("configmap", ns)).toContain("bystander");
    expect(pruned.inventory).not.toContain("v1/ConfigMap/sync-prune/drop");
    // Order, by the API server's own sequence of writes: the Deployment changed before "drop" went.
    type WatchEvent = { type: string; object: { metadata: { name: string; resourceVersion: string; deletionTimestamp?: string }; spec?: { template?: { spec?: { containers?: { image?: string }[] } } } } };
    const watch = async (path: string): Promise<WatchEvent[]> => (await kubectl("get", "--raw", `${path}?watch=1&resourceVersion=${rvBefore}&timeoutSeconds=1`)).trim().split("\n").map((l) => JSON.parse(l) as WatchEvent);
    const applied = (await watch(`/apis/apps/v1/namespaces/${ns}/deployments`)).find((e) => e.object.spec?.template?.spec?.containers?.[0]?.image === "registry.invalid/web:3.0.0");
    const cmEvents = await watch(`/api/v1/namespaces/${ns}/configmaps`);
    const deleting = cmEvents.find((e) => e.object.metadata.name === "drop" && (e.type === "DELETED" || e.object.metadata.deletionTimestamp));
    expect(Number(deleting?.object.metadata.resourceVersion)).toBeGreaterThan(Number(applied?.object.metadata.resourceVersion));
  });

  it("leaves pruning to the caller when pruneLast is set", async () => {
    // Prepare
    const app = appFor("prune-last", "sync-prune-last", { prune: true, pruneLast: true });
    const first = await destination.sync(app, [configMap("old"), configMap("new")], []);

    // Act
    const run = await destination.sync(app, [configMap("new")], first.inventory);

    // Assess: still there, deferred, still owned; then pruned on request
    expect(run.deferredPrune).toEqual(["v1/ConfigMap/sync-prune-last/old"]);
    expect(await names("configmap", "sync-prune-last")).toContain("old");
    expect(await destination.prune(app, run.deferredPrune)).toMatchObject([{ name: "old", status: "pruned" }]);
    await waitFor("foreground deletion of old", async () => ((await names("configmap", "sync-prune-last")).includes("old") ? undefined : true));
  });

  it("makes propagation visible: orphan leaves the ReplicaSet behind, foreground takes it", async () => {
    for (const [policy, survives] of [["orphan", true], ["foreground", false]] as const) {
      // Prepare: a Deployment whose controller made a ReplicaSet
      const ns = `sync-propagation-${policy}`;
      const app = appFor(`propagation-${policy}`, ns, { prune: true, prunePropagationPolicy: policy });
      const first = await destination.sync(app, [deployment("web"), configMap("cfg")], []);
      // Its pods exist too: the controllers, the garbage collector among them, have seen the ReplicaSet.
      // (A collector that has not would find it ownerless later and delete it even under orphan.)
      await waitFor("the ReplicaSet and its pods", async () => ((await names("replicaset", ns)).length === 1 && (await names("pod", ns)).length === 2 ? true : undefined));

      // Act: git no longer has the Deployment
      const run = await destination.sync(app, [configMap("cfg")], first.inventory);

      // Assess
      expect(run.results.find((r) => r.kind === "Deployment")).toMatchObject({ status: "pruned", message: `deleted (${policy})` });
      await waitFor("the Deployment to go", async () => ((await getJson("deployment", "web", ns)) === undefined ? true : undefined));
      if (survives) {
        const rs = await waitFor("an orphaned ReplicaSet", async () => {
          const [name] = await names("replicaset", ns);
          const object = name ? await getJson("replicaset", name, ns) : undefined;
          return object && (object.metadata.ownerReferences ?? []).length === 0 ? object : undefined;
        });
        expect(rs.metadata.ownerReferences ?? []).toEqual([]);
      } else {
        await waitFor("the ReplicaSet to go with it", async () => ((await names("replicaset", ns)).length === 0 ? true : undefined));
        expect(await names("replicaset", ns)).toEqual([]);
      }
    }
  });

  it("after kubectl scale shows the drift and reports the scale's field manager as a conflict, then forces it", async () => {
    // Prepare: the app sets replicas 2; a person scales to 5
    const ns = "sync-conflict";
    const app = appFor("conflict", ns);
    const first = await destination.sync(app, [deployment("web")], []);
    await kubectl("scale", "deployment", "web", "-n", ns, "--replicas=5");

    // Act
    const scaled = await destination.diff(app, [deployment("web")], first.inventory);
    const reset = await destination.sync(app, [deployment("web")], first.inventory);

    // Assess: the diff shows it. Since Kubernetes 1.22 a write through the scale subresource
    // records its field manager, so the sync meets a conflict it reports instead of silent drift.
    expect(scaled.resources[0]?.diff).toContain("-  replicas: 5\n+  replicas: 2");
    const scaleConflict = reset.results.find((r) => r.kind === "Deployment");
    expect(scaleConflict?.status).toBe("failed");
    expect(scaleConflict?.message).toContain('conflict with "kubectl" with subresource "scale"');
    expect(scaleConflict?.message).toContain(".spec.replicas");
    expect((await getJson("deployment", "web", ns))?.spec?.["replicas"]).toBe(5);

    // Prepare: now a person edits replicas on the Deployment itself, as kubectl edit or patch does
    await kubectl("patch", "deployment", "web", "-n", ns, "--field-manager=kubectl-edit", "-p", '{"spec":{"replicas":4}}');

    // Act
    const refused = await destination.sync(app, [deployment("web")], first.inventory);

    // Assess: failed, naming the other manager and the field; replicas untouched
    const result = refused.results.find((r) => r.kind === "Deployment");
    expect(result?.status).toBe("failed");
    expect(result?.message).toContain('conflict with "kubectl-edit"');
    expect(result?.message).toContain(".spec.replicas");
    expect((await getJson("deployment", "web", ns))?.spec?.["replicas"]).toBe(4);

    // Act: with force the app takes the field back
    const forced = await destination.sync(appFor("conflict", ns, { force: true }), [deployment("web")], first.inventory);

    // Assess
    expect(forced.results.find((r) => r.kind === "Deployment")?.status).toBe("applied");
    const live = await getJson("deployment", "web", ns);
    expect(live?.spec?.["replicas"]).toBe(2);
    const owners = (live?.metadata.managedFields ?? []).filter((f) => JSON.stringify(f.fieldsV1 ?? {}).includes('"f:spec":{"f:replicas"')).map((f) => f.manager);
    expect(owners).toEqual(["sluice"]);
  });

  it("fails only the object with a field the schema does not have, with the server's message", async () => {
    // Prepare: a typo in one object's field name
    const app = appFor("typo", "sync-typo");
    const typo: Manifest = { ...deployment("web"), spec: { ...(deployment("web")["spec"] as object), replica: 3 } };

    // Act
    const run = await destination.sync(app, [configMap("cfg"), typo], []);

    // Assess: the ConfigMap is applied; the Deployment fails naming the field, and is not created
    expect(run.results.map((r) => `${r.kind}:${r.status}`)).toEqual(["ConfigMap:applied", "Deployment:failed"]);
    expect(run.results.find((r) => r.kind === "Deployment")?.message).toContain(".spec.replica: field not declared in schema");
    expect(await getJson("deployment", "web", "sync-typo")).toBeUndefined();
  });

  it("with replace fails a manifest with an unknown field, by PUT and by its create fallback, with the server's message", async () => {
    // Prepare: one ConfigMap exists (PUT path), one does not (create fallback); both have a typo
    const ns = "sync-typo-replace";
    const app = appFor("typo-replace", ns, { replace: true });
    await destination.sync(app, [configMap("existing")], []);
    const typo = (name: string): Manifest => ({ ...configMap(name, { greeting: "changed" }), dta: { x: "y" } });

    // Act
    const run = await destination.sync(app, [typo("existing"), typo("new")], []);

    // Assess: each fails naming the field; neither was written
    expect(run.results.map((r) => `${r.name}:${r.status}`)).toEqual(["existing:failed", "new:failed"]);
    for (const r of run.results) expect(r.message).toContain('unknown field "dta"');
    expect((await getJson("configmap", "existing", ns))?.["data"]).toEqual({ greeting: "hello" });
    expect(await getJson("configmap", "new", ns)).toBeUndefined();
  });

  it("honours ignoreDifferences: fields another manager owns are Synced and applied with their live value", async () => {
    // Prepare: an autoscaler-like manager owns replicas
    const ns = "sync-ignore";
    const plain = appFor("ignore", ns);
    const first = await destination.sync(plain, [deployment("web")], []);
    await kubectl("patch", "deployment", "web", "-n", ns, "--field-manager=hpa-controller", "-p", '{"spec":{"replicas":7}}');
    const app = appFor("ignore", ns, { ignoreDifferences: [{ group: "apps", kind: "Deployment", managedFieldsManagers: ["hpa-controller"] }, { kind: "ConfigMap", jsonPointers: ["/data/tuned"] }] });
    await destination.sync(app, [deployment("web"), configMap("cfg", { tuned: "by-git" })], first.inventory);
    await kubectl("patch", "configmap", "cfg", "-n", ns, "-p", '{"data":{"tuned":"by-hand"}}');

    // Act
    const diff = await destination.diff(app, [deployment("web"), configMap("cfg", { tuned: "by-git" })], first.inventory);
    const run = await destination.sync(app, [deployment("web", "registry.invalid/web:9.9.9"), configMap("cfg", { tuned: "by-git" })], first.inventory);

    // Assess: Synced despite both differences; the sync neither conflicted nor reset them
    expect(diff.resources.map((r) => `${r.ref.kind}:${r.status}`)).toEqual(["Deployment:Synced", "ConfigMap:Synced"]);
    expect(run.results.every((r) => r.status === "applied")).toBe(true);
    const live = await getJson("deployment", "web", ns);
    expect(live?.spec?.["replicas"]).toBe(7);
    expect((live?.spec?.["template"] as { spec: { containers: { image: string }[] } }).spec.containers[0]?.image).toBe("registry.invalid/web:9.9.9");
    expect(((await getJson("configmap", "cfg", ns))?.["data"] as Record<string, string>)["tuned"]).toBe("by-hand");
  });

  it("shows drift after an out-of-band edit as OutOfSync with the right diff", async () => {
    // Prepare
    const ns = "sync-drift";
    const app = appFor("drift", ns);
    const first = await destination.sync(app, [configMap("cfg", { level: "info" }), service("web")], []);
    await kubectl("patch", "configmap", "cfg", "-n", ns, "-p", '{"data":{"level":"debug"}}');

    // Act
    const diff = await destination.diff(app, [configMap("cfg", { level: "info" }), service("web")], first.inventory);

    // Assess
    expect(diff.resources.map((r) => `${r.ref.name}:${r.status}`)).toEqual(["cfg:OutOfSync", "web:Synced"]);
    expect(diff.resources[0]?.diff).toContain("-  level: debug\n+  level: info");
  });

  it("with dryRunFirst applies nothing when the server refuses one object", async () => {
    // Prepare: a valid ConfigMap and a Service the API server rejects (port out of range)
    const ns = "sync-dry-run";
    const app = appFor("dry-run", ns, { dryRunFirst: true });
    const bad: Manifest = { apiVersion: "v1", kind: "Service", metadata: { name: "bad" }, spec: { ports: [{ port: 70000 }] } };
    await kubectl("create", "namespace", ns);

    // Act
    const run = await destination.sync(app, [configMap("good"), bad], []);

    // Assess
    expect(run.results.find((r) => r.name === "bad")).toMatchObject({ status: "failed", message: expect.stringMatching(/^dry run: 422 Invalid/) });
    expect(run.results.find((r) => r.name === "good")).toMatchObject({ status: "skipped" });
    expect(await getJson("configmap", "good", ns)).toBeUndefined();
  });

  it("applies only out-of-sync objects with applyOutOfSyncOnly, and replaces whole objects with replace", async () => {
    // Prepare
    const ns = "sync-options";
    const app = appFor("options", ns, { applyOutOfSyncOnly: true });
    const first = await destination.sync(app, [configMap("a"), configMap("b")], []);

    // Act
    const selective = await destination.sync(app, [configMap("a"), configMap("b", { greeting: "changed" })], first.inventory);
    await kubectl("patch", "configmap", "a", "-n", ns, "-p", '{"metadata":{"labels":{"extra":"by-hand"}}}');
    const replaced = await destination.sync(appFor("options", ns, { replace: true }), [configMap("a", { greeting: "replaced" })], []);

    // Assess
    expect(selective.results.map((r) => `${r.name}:${r.status}`).sort()).toEqual(["a:unchanged", "b:applied"]);
    expect(replaced.results.map((r) => `${r.name}:${r.status}`)).toEqual(["a:applied"]);
    const a = await getJson("configmap", "a", ns);
    expect(a?.metadata.labels?.["extra"]).toBeUndefined();
    expect(a?.metadata.managedFields?.some((f) => f.manager === "sluice" && f.operation === "Update")).toBe(true);
  });

  it("creates a CRD, waits until it is established, then applies its custom resource", async () => {
    // Prepare
    const ns = "sync-crd";
    const app = appFor("crd", ns);
    const crd: Manifest = {
      apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.sluice.dev" },
      spec: { group: "example.sluice.dev", scope: "Namespaced", names: { plural: "widgets", singular: "widget", kind: "Widget" }, versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { size: { type: "integer" } } } } } } }] },
    };
    const widget: Manifest = { apiVersion: "example.sluice.dev/v1", kind: "Widget", metadata: { name: "w1" }, spec: { size: 3 } };

    // Act: the custom resource comes first in git; kind order puts the CRD first
    const run = await destination.sync(app, [widget, crd], []);

    // Assess
    expect(run.results.map((r) => `${r.kind}:${r.status}`)).toEqual(["CustomResourceDefinition:applied", "Widget:applied"]);
    expect((await getJson("widget.example.sluice.dev", "w1", ns))?.spec?.["size"]).toBe(3);
    expect(run.inventory).toContain("apiextensions.k8s.io/v1/CustomResourceDefinition//widgets.example.sluice.dev");
  });
});
