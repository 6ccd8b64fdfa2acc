// Health on a real control plane: a Deployment Progresses until its pods are scheduled onto
// kwok's simulated nodes and Ready, is Degraded when it misses its progress deadline, Suspended
// when paused, Missing when deleted outside Sluice; a Job is Healthy once its pod has completed.
import { KubeConfig } from "@kubernetes/client-node";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { ClusterDestination } from "../../src/engine/destination/cluster-destination.ts";
import { waitFor } from "../harness/wait-for.ts";
import type { Manifest } from "../../src/adapters/render/manifest.ts";
import { appFor, configMap, deployment, held, POOL_LABEL_PREFIX } from "./sync-fixtures.ts";
import { completeRollout, kubectl, releasePool } from "./sync-kubectl.ts";

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
    const run = await destination.sync(app, [held("health-rollout", deployment("web")), configMap("cfg")], []);

    // Act + Assess: the pods wait for a node, none is Ready
    const progressing = await destination.health(app, run.rendered);
    expect(progressing.status).toBe("Progressing");
    expect(progressing.message).toMatch(/^Deployment\/health-rollout\/web: Waiting for rollout to finish/);

    // Act: the nodes take the pods; the scheduler and kwok finish the rollout
    await completeRollout(ns, "web", "health-rollout");
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
    // Its pods never find a node, so never become Ready.
    const web = held("never", deployment("web", "registry.invalid/web:1.0.0", { progressDeadlineSeconds: 1 }));
    const run = await destination.sync(app, [web], []);
    const degraded = await waitFor("ProgressDeadlineExceeded", async () => {
      const h = await destination.health(app, run.rendered);
      return h.status === "Degraded" ? h : undefined;
    }, 90_000, 500);
    expect(degraded.message).toBe('Deployment/health-deadline/web: Deployment "web" exceeded its progress deadline');
  });

  it("is Progressing while a Job runs and Healthy once its pod has completed", async () => {
    // Prepare: a Job whose pod waits for a node
    const ns = "health-job";
    const app = appFor("job", ns);
    const job: Manifest = {
      apiVersion: "batch/v1", kind: "Job", metadata: { name: "migrate" },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: "Never", nodeSelector: { [`${POOL_LABEL_PREFIX}health-job`]: "open" }, containers: [{ name: "migrate", image: "registry.invalid/migrate:1.0.0" }] } } },
    };
    const run = await destination.sync(app, [job], []);

    // Act + Assess: running, then complete once a node runs the pod to the end
    const running = await destination.health(app, run.rendered);
    expect(running.status).toBe("Progressing");
    await releasePool("health-job");
    const done = await waitFor("the Job to complete", async () => {
      const h = await destination.health(app, run.rendered);
      return h.status === "Healthy" ? h : undefined;
    });
    expect(done.resources.map((r) => `${r.key}:${r.health.status}`)).toEqual(["batch/v1/Job/health-job/migrate:Healthy"]);
  });

  it("is Suspended when the Deployment is paused", async () => {
    const app = appFor("paused", "health-paused");
    const run = await destination.sync(app, [deployment("web", "registry.invalid/web:1.0.0", { paused: true })], []);
    expect(await destination.health(app, run.rendered)).toMatchObject({ status: "Suspended", message: "Deployment/health-paused/web: Deployment is paused" });
  });
});
