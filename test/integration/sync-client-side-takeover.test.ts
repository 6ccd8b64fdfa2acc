// Taking over objects last applied client-side (kubectl apply, Argo CD's default sync) with
// Sluice's server-side apply, on the real API server: what git dropped goes from the object, and
// with it the last-applied annotation and the client-side manager's entry. kubectl does the
// client-side applies and the reading back.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { appFor, configMap, deployment } from "./sync-fixtures.ts";
import { completeRollout, getJson, kubectl } from "./sync-kubectl.ts";

const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
type Container = { name: string; image: string; env?: { name: string; value: string }[] };

describe("taking over from client-side apply", () => {
  let destination: ClusterDestination;
  let dir: string;

  beforeAll(async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    destination = new ClusterDestination(kc, { name: "test" });
    dir = await mkdtemp(join(tmpdir(), "sluice-csa-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** `kubectl apply` without --server-side, as a person or Argo CD's default sync does it. */
  const applyClientSide = async (namespace: string, manifest: Manifest, ...flags: string[]): Promise<void> => {
    const file = join(dir, `${namespace}-${manifest.metadata.name}.json`);
    await writeFile(file, JSON.stringify(manifest));
    await kubectl("apply", "-n", namespace, "-f", file, ...flags);
  };
  const managers = (o: Awaited<ReturnType<typeof getJson>>) => (o?.metadata.managedFields ?? []).map((f) => `${f.manager}:${f.operation}`).sort();

  it("removes from a Deployment last applied by kubectl what git dropped, and the annotation, then syncs as a no-op", async () => {
    // Prepare: kubectl applied the Deployment with a label and an env entry; git has neither
    const ns = "csa-kubectl";
    await kubectl("create", "namespace", ns);
    const withExtras = deployment("web");
    withExtras.metadata.labels = { tier: "frontend" };
    const spec = withExtras["spec"] as { template: { spec: { containers: Container[] } } };
    spec.template.spec.containers[0] = { ...(spec.template.spec.containers[0] as Container), env: [{ name: "DEBUG", value: "1" }] };
    await applyClientSide(ns, withExtras);
    const before = await getJson("deployment", "web", ns);
    expect(before?.metadata.annotations?.[LAST_APPLIED]).toBeDefined();
    expect(managers(before)).toContain("kubectl-client-side-apply:Update");
    // applyOutOfSyncOnly: the diff must not call it Synced though a forced dry run keeps kubectl's fields
    const app = appFor("csa-kubectl", ns, { applyOutOfSyncOnly: true });

    // Act
    const diff = await destination.diff(app, [deployment("web")], []);
    const run = await destination.sync(app, [deployment("web")], []);

    // Assess: the label, the env entry and the annotation are gone; only Sluice's Apply remains of the two
    expect(diff.resources.map((r) => `${r.status}:${r.message ?? ""}`)).toEqual(["OutOfSync:last applied client-side by kubectl-client-side-apply: a sync takes its fields over"]);
    expect(run.results.map((r) => `${r.kind}:${r.status}`)).toEqual(["Deployment:applied"]);
    const after = await getJson("deployment", "web", ns);
    expect(after?.metadata.labels?.["tier"]).toBeUndefined();
    const containers = (after?.spec?.["template"] as { spec: { containers: Container[] } }).spec.containers;
    expect(containers.map((c) => c.env ?? [])).toEqual([[]]);
    expect(after?.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();
    expect(managers(after).filter((m) => m.startsWith("kubectl-client-side-apply"))).toEqual([]);
    expect(managers(after)).toContain("sluice:Apply");

    // Act: the same again (and once more applying all), after the controller wrote the rollout's status
    await completeRollout(ns, "web");
    const settled = (await getJson("deployment", "web", ns))?.metadata.resourceVersion;
    const again = await destination.sync(app, [deployment("web")], run.inventory);

    const applied = await destination.sync(appFor("csa-kubectl", ns), [deployment("web")], run.inventory);

    // Assess: Synced now, so not applied; applied anyway, nothing is written
    expect(again.results.map((r) => r.status)).toEqual(["unchanged"]);
    expect(applied.results.map((r) => r.status)).toEqual(["applied"]);
    expect((await getJson("deployment", "web", ns))?.metadata.resourceVersion).toBe(settled);
  });

  it("takes over a ConfigMap last synced client-side by Argo CD, where git also changed a value it owns", async () => {
    // Prepare: argocd-controller applied two keys client-side; git drops one and changes the other
    const ns = "csa-argocd";
    await kubectl("create", "namespace", ns);
    await applyClientSide(ns, configMap("cfg", { level: "debug", legacy: "yes" }), "--field-manager=argocd-controller");
    expect(managers(await getJson("configmap", "cfg", ns))).toContain("argocd-controller:Update");
    const app = appFor("csa-argocd", ns);

    // Act: without force; the changed value would otherwise be a conflict with argocd-controller
    const run = await destination.sync(app, [configMap("cfg", { level: "info" })], []);

    // Assess
    expect(run.results.map((r) => `${r.name}:${r.status}:${r.message ?? ""}`)).toEqual(["cfg:applied:"]);
    const after = await getJson("configmap", "cfg", ns);
    expect(after?.["data"]).toEqual({ level: "info" });
    expect(after?.metadata.annotations?.[LAST_APPLIED]).toBeUndefined();
    expect(managers(after).filter((m) => m.startsWith("argocd-controller"))).toEqual([]);

    // Act: the same again, and a diff
    const again = await destination.sync(app, [configMap("cfg", { level: "info" })], run.inventory);
    const diff = await destination.diff(app, [configMap("cfg", { level: "info" })], again.inventory);

    // Assess
    expect((await getJson("configmap", "cfg", ns))?.metadata.resourceVersion).toBe(after?.metadata.resourceVersion);
    expect(diff.resources.map((r) => r.status)).toEqual(["Synced"]);
  });
});
