// Health on the real controller manager: a Deployment Progresses until its pods are Ready (the
// tests play the kubelet), is Degraded when it misses its progress deadline, Suspended when
// paused, Missing when deleted outside Sluice.
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { waitFor } from "../harness/wait-for.ts";
import { appFor, configMap, deployment } from "./sync-fixtures.ts";
import { completeRollout, kubectl } from "./sync-kubectl.ts";

describe("health on a real controller manager", () => {
  let destination: ClusterDestination;

  beforeAll(() => {
    const kc = new KubeConfig();
    kc.loadFromFile(inject("kubeconfig"));
    destination = new ClusterDestination(kc, { name: "test" });
  });

  it("is Progressing after a sync, Healthy once the pods are Ready, Missing once deleted outside Sluice", async () => {
    // Prepare
    const ns = "health-rollout";
    const app = appFor("rollout", ns);
    const run = await destination.sync(app, [deployment("web"), configMap("cfg")], []);

    // Act + Assess: pods exist but none is Ready
    const progressing = await destination.health(app, run.rendered);
    expect(progressing.status).toBe("Progressing");
    expect(progressing.message).toMatch(/^Deployment\/health-rollout\/web: Waiting for rollout to finish/);

    await completeRollout(ns, "web", "app=web");
    const healthy = await waitFor("Healthy", async () => {
      const h = await destination.health(app, run.rendered);
      return h.status === "Healthy" ? h : undefined;
    });
    expect(healthy.resources.map((r) => `${r.key}:${r.health.status}`)).toEqual(["apps/v1/Deployment/health-rollout/web:Healthy"]);

    await kubectl("delete", "deployment", "web", "-n", ns, "--wait=true");
    const missing = await destination.health(app, run.rendered);
    expect(missing).toMatchObject({ status: "Missing", message: "Deployment/health-rollout/web: not in the cluster" });
  });

  it("is Degraded when the rollout misses its progress deadline", async () => {
    const app = appFor("deadline", "health-deadline");
    const run = await destination.sync(app, [deployment("web", "registry.invalid/web:1.0.0", { progressDeadlineSeconds: 1 })], []);
    const degraded = await waitFor("ProgressDeadlineExceeded", async () => {
      const h = await destination.health(app, run.rendered);
      return h.status === "Degraded" ? h : undefined;
    }, 90_000, 500);
    expect(degraded.message).toBe('Deployment/health-deadline/web: Deployment "web" exceeded its progress deadline');
  });

  it("is Suspended when the Deployment is paused", async () => {
    const app = appFor("paused", "health-paused");
    const run = await destination.sync(app, [deployment("web", "registry.invalid/web:1.0.0", { paused: true })], []);
    expect(await destination.health(app, run.rendered)).toMatchObject({ status: "Suspended", message: "Deployment/health-paused/web: Deployment is paused" });
  });
});
