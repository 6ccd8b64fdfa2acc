import { describe, expect, it } from "vitest";
import { appHealth } from "../../../../src/engine/health/app-health.ts";
import { HEALTH_STATUSES, isWorse } from "../../../../src/engine/health/health-status.ts";
import { resourceHealth } from "../../../../src/engine/health/resource-health.ts";

const deployment = (spec: Record<string, unknown>, status: Record<string, unknown>, generation = 1) =>
  ({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", generation }, spec: { replicas: 2, ...spec }, status });

describe("resourceHealth", () => {
  it.each([
    ["a rollout in progress", deployment({}, { observedGeneration: 1, replicas: 2, updatedReplicas: 1, availableReplicas: 1 }), "Progressing"],
    ["an unobserved generation", deployment({}, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }, 2), "Progressing"],
    ["old replicas still terminating", deployment({}, { observedGeneration: 1, replicas: 3, updatedReplicas: 2, availableReplicas: 2 }), "Progressing"],
    ["a finished rollout", deployment({}, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 2 }), "Healthy"],
    ["a missed progress deadline", deployment({}, { observedGeneration: 1, replicas: 2, updatedReplicas: 2, availableReplicas: 0, conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }] }), "Degraded"],
    ["a paused Deployment", deployment({ paused: true }, {}), "Suspended"],
  ])("Deployment: %s", (_case, object, status) => {
    expect(resourceHealth(object)?.status).toBe(status);
  });

  it.each([
    ["Pod Pending", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {}, status: { phase: "Pending" } }, "Progressing"],
    ["Pod Running, Ready", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {}, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }, "Healthy"],
    ["Pod in CrashLoopBackOff", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {}, status: { phase: "Running", containerStatuses: [{ name: "c", state: { waiting: { reason: "CrashLoopBackOff" } } }] } }, "Degraded"],
    ["Pod Failed", { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: {}, status: { phase: "Failed", message: "OOMKilled" } }, "Degraded"],
    ["StatefulSet mid-update", { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "s", generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 2, currentRevision: "a", updateRevision: "b" } }, "Progressing"],
    ["StatefulSet done", { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "s", generation: 1 }, spec: { replicas: 2 }, status: { observedGeneration: 1, readyReplicas: 2, currentRevision: "b", updateRevision: "b" } }, "Healthy"],
    ["DaemonSet scheduling", { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "d", generation: 1 }, spec: {}, status: { observedGeneration: 1, desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 1 } }, "Progressing"],
    ["ReplicaSet failing", { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "r", generation: 1 }, spec: { replicas: 1 }, status: { observedGeneration: 1, conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate" }] } }, "Degraded"],
    ["Job complete", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: {}, status: { conditions: [{ type: "Complete", status: "True" }] } }, "Healthy"],
    ["Job failed", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: {}, status: { conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded" }] } }, "Degraded"],
    ["Job suspended", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { suspend: true }, status: { conditions: [{ type: "Suspended", status: "True" }] } }, "Suspended"],
    ["CronJob suspended", { apiVersion: "batch/v1beta1", kind: "CronJob", metadata: { name: "c" }, spec: { suspend: true } }, "Suspended"],
    ["LoadBalancer without address", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { type: "LoadBalancer" }, status: {} }, "Progressing"],
    ["ClusterIP Service", { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: {} }, "Healthy"],
    ["Ingress with address", { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" }, status: { loadBalancer: { ingress: [{ ip: "10.0.0.1" }] } } }, "Healthy"],
    ["PVC Lost", { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "c" }, status: { phase: "Lost" } }, "Degraded"],
    ["HPA that cannot read metrics", { apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler", metadata: { name: "h" }, status: { conditions: [{ type: "ScalingActive", status: "False", reason: "FailedGetResourceMetric" }] } }, "Degraded"],
    ["autoscaling/v1 HPA, conditions in the annotation", { apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler", metadata: { name: "h", annotations: { "autoscaling.alpha.kubernetes.io/conditions": JSON.stringify([{ type: "AbleToScale", status: "True", reason: "SucceededRescale" }]) } }, status: {} }, "Healthy"],
    ["Namespace terminating", { apiVersion: "v1", kind: "Namespace", metadata: { name: "n" }, status: { phase: "Terminating" } }, "Progressing"],
    ["custom resource Ready=False", { apiVersion: "example.dev/v1", kind: "Widget", metadata: { name: "w" }, status: { conditions: [{ type: "Ready", status: "False", reason: "Broken" }] } }, "Degraded"],
    ["custom resource Stalled", { apiVersion: "example.dev/v1", kind: "Widget", metadata: { name: "w" }, status: { conditions: [{ type: "Ready", status: "True" }, { type: "Stalled", status: "True" }] } }, "Degraded"],
  ])("%s", (_case, object, status) => {
    expect(resourceHealth(object)?.status).toBe(status);
  });

  it("has no health for kinds without status (ConfigMaps) and custom resources without conditions", () => {
    expect(resourceHealth({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } } as never)).toBeUndefined();
    expect(resourceHealth({ apiVersion: "example.dev/v1", kind: "Widget", metadata: { name: "w" }, status: { phase: "x" } } as never)).toBeUndefined();
  });

  it("answers Unknown, not a throw, for a malformed object", () => {
    const health = resourceHealth({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" }, spec: { replicas: "two" }, status: {} } as never);
    expect(health?.status).toBe("Unknown");
    expect(health?.message).toBe("Deployment health check failed: spec.replicas: expected a number or a numeric string, got \"two\"");
    expect(health?.message).not.toContain("\n");
  });
});

describe("appHealth and isWorse", () => {
  it("orders Healthy < Suspended < Progressing < Missing < Degraded < Unknown", () => {
    for (let i = 1; i < HEALTH_STATUSES.length; i++) {
      const [better, worse] = [HEALTH_STATUSES[i - 1], HEALTH_STATUSES[i]];
      if (!better || !worse) throw new Error("index");
      expect(isWorse(worse, better)).toBe(true);
      expect(isWorse(better, worse)).toBe(false);
    }
  });

  it("takes the worst resource and names it", () => {
    const folded = appHealth([
      { resource: "Deployment/a", health: { status: "Healthy" } },
      { resource: "Deployment/b", health: { status: "Degraded", message: "deadline" } },
      { resource: "Deployment/c", health: { status: "Progressing" } },
    ]);
    expect(folded).toMatchObject({ status: "Degraded", message: "Deployment/b: deadline", counts: { Healthy: 1, Degraded: 1, Progressing: 1 } });
    expect(appHealth([]).status).toBe("Healthy");
  });
});
