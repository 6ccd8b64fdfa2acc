// Health followed on a real control plane with kwok's simulated nodes: one Deployment from
// Progressing to Healthy and then to Degraded when its next rollout stalls, one Job from
// Progressing to Healthy and another to Degraded past its deadline, and a custom resource judged
// by checks from config (a global CEL expression, an app's own Lua script) through the destination.
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { healthConfigSchema } from "../../src/core/config/health-config.ts";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import type { HealthReport } from "../../src/engine/sync/sync-result.ts";
import { waitFor } from "../harness/wait-for.ts";
import { appFor, deployment, held, POOL_LABEL_PREFIX } from "./sync-fixtures.ts";
import { kubectl, releasePool } from "./sync-kubectl.ts";

const job = (name: string, pool: string, spec: Record<string, unknown> = {}): Manifest => ({
  apiVersion: "batch/v1", kind: "Job", metadata: { name },
  spec: { backoffLimit: 0, ...spec, template: { spec: { restartPolicy: "Never", nodeSelector: { [`${POOL_LABEL_PREFIX}${pool}`]: "open" },
    containers: [{ name: name, image: `registry.invalid/${name}:1.0.0` }] } } },
});

const widgetCrd: Manifest = {
  apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.health.sluice.test" },
  spec: { group: "health.sluice.test", scope: "Namespaced", names: { kind: "Widget", plural: "widgets", singular: "widget" },
    versions: [{ name: "v1", served: true, storage: true, subresources: { status: {} },
      schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } } }] },
};

describe("health followed on the API server", () => {
  const health = healthConfigSchema.parse({ healthCheckExprs: [{ apiVersion: "health.sluice.test/v1", kind: "Widget",
    failed: "status.?phase.orValue('') == 'Broken'", current: "status.?phase.orValue('') == 'Spinning'" }] });
  let destination: ClusterDestination;
  const until = (status: string, read: () => Promise<HealthReport>, timeoutMs = 60_000) => waitFor(status, async () => {
    const h = await read();
    return h.status === status ? h : undefined;
  }, timeoutMs, 300);

  beforeAll(() => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    destination = new ClusterDestination(kc, { name: "test", health });
  });

  it("follows a Deployment from Progressing to Healthy, then to Degraded when its next rollout stalls", async () => {
    // Prepare: pods held until their pool opens; a short progress deadline
    const app = appFor("lifecycle-web", "health-lifecycle-web");
    const web = (image: string, pool: string) => held(pool, deployment("web", image, { progressDeadlineSeconds: 2 }));
    const first = await destination.sync(app, [web("registry.invalid/web:1.0.0", "lifecycle-web")], []);

    // Act + Assess: Progressing while no node takes the pods, Healthy once they run
    expect((await destination.health(app, first.rendered)).status).toBe("Progressing");
    await releasePool("lifecycle-web");
    await until("Healthy", () => destination.health(app, first.rendered));

    // Act: the next version's pods can never be scheduled
    const second = await destination.sync(app, [web("registry.invalid/web:2.0.0", "lifecycle-web-never")], first.rendered);

    // Assess
    const degraded = await until("Degraded", () => destination.health(app, second.rendered), 90_000);
    expect(degraded.message).toBe('Deployment/health-lifecycle-web/web: Deployment "web" exceeded its progress deadline');
  });

  it("follows a Job to Healthy when its pod completes, and another to Degraded past its deadline", async () => {
    // Prepare
    const app = appFor("lifecycle-jobs", "health-lifecycle-jobs");
    const run = await destination.sync(app, [
      job("migrate", "lifecycle-jobs"),
      job("backfill", "lifecycle-jobs-never", { activeDeadlineSeconds: 2 }),
    ], []);
    const byKey = (h: HealthReport) => Object.fromEntries(h.resources.map((r) => [r.key.split("/").at(-1), r.health]));

    // Act + Assess: both run; then one completes on a node, the other's controller gives up
    expect(byKey(await destination.health(app, run.rendered))).toMatchObject({ migrate: { status: "Progressing" }, backfill: { status: "Progressing" } });
    await releasePool("lifecycle-jobs");
    const settled = await waitFor("both Jobs to settle", async () => {
      const h = byKey(await destination.health(app, run.rendered));
      return h["migrate"]?.status === "Healthy" && h["backfill"]?.status === "Degraded" ? h : undefined;
    }, 90_000, 300);
    expect(settled["backfill"]?.message).toMatch(/deadline/i);
  });

  it("judges a custom resource by the global CEL check, and by the app's own Lua script instead", async () => {
    // Prepare: a Widget whose controller is this test, writing status by hand
    const cel = appFor("lifecycle-cel", "health-lifecycle-cel");
    const run = await destination.sync(cel, [widgetCrd, { apiVersion: "health.sluice.test/v1", kind: "Widget", metadata: { name: "w" }, spec: {} }], []);
    const setPhase = (phase: string) => kubectl("patch", "widgets.health.sluice.test", "w", "-n", "health-lifecycle-cel", "--subresource=status",
      "--type=merge", "-p", JSON.stringify({ status: { phase } }));

    // Act + Assess: no expression true yet, then current, then failed
    expect((await destination.health(cel, run.rendered)).status).toBe("Progressing");
    await setPhase("Spinning");
    expect((await destination.health(cel, run.rendered)).status).toBe("Healthy");
    await setPhase("Broken");
    expect((await destination.health(cel, run.rendered))).toMatchObject({ status: "Degraded", message: "Widget/health-lifecycle-cel/w: CEL failed is true" });

    // Act: the same objects, under an app whose Lua check for the kind replaces the global one
    const lua = { ...cel, health: healthConfigSchema.parse({ lua: { "resource.customizations.health.health.sluice.test_Widget":
      "hs = {}\nif obj.status ~= nil and obj.status.phase == 'Broken' then hs.status = 'Suspended' hs.message = 'parked' else hs.status = 'Healthy' end\nreturn hs" } }) };

    // Assess
    expect(await destination.health(lua, run.rendered)).toMatchObject({ status: "Suspended", message: "Widget/health-lifecycle-cel/w: parked" });
  });
});
