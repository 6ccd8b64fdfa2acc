import { groupOf } from "../../adapters/kube/object-ref.ts";
import { conditionsHealth } from "./conditions-health.ts";
import { cronJobHealth } from "./cron-job-health.ts";
import { daemonSetHealth } from "./daemon-set-health.ts";
import { deploymentHealth } from "./deployment-health.ts";
import type { HealthCheck } from "./health-check.ts";
import type { Health } from "./health-status.ts";
import { horizontalPodAutoscalerHealth } from "./horizontal-pod-autoscaler-health.ts";
import { ingressHealth } from "./ingress-health.ts";
import { jobHealth } from "./job-health.ts";
import { namespaceHealth } from "./namespace-health.ts";
import { persistentVolumeClaimHealth } from "./persistent-volume-claim-health.ts";
import { podHealth } from "./pod-health.ts";
import { replicaSetHealth } from "./replica-set-health.ts";
import { serviceHealth } from "./service-health.ts";
import { statefulSetHealth } from "./stateful-set-health.ts";

/** One check per built-in kind, keyed group/kind. */
const CHECKS: Record<string, HealthCheck> = {
  "apps/Deployment": deploymentHealth,
  "extensions/Deployment": deploymentHealth,
  "apps/StatefulSet": statefulSetHealth,
  "apps/DaemonSet": daemonSetHealth,
  "extensions/DaemonSet": daemonSetHealth,
  "apps/ReplicaSet": replicaSetHealth,
  "extensions/ReplicaSet": replicaSetHealth,
  "/ReplicationController": replicaSetHealth,
  "/Pod": podHealth,
  "batch/Job": jobHealth,
  "batch/CronJob": cronJobHealth,
  "/Service": serviceHealth,
  "networking.k8s.io/Ingress": ingressHealth,
  "extensions/Ingress": ingressHealth,
  "/PersistentVolumeClaim": persistentVolumeClaimHealth,
  "autoscaling/HorizontalPodAutoscaler": horizontalPodAutoscalerHealth,
  "/Namespace": namespaceHealth,
};

/**
 * Health of one live object, or undefined for kinds that have none (ConfigMaps, RBAC, …).
 * A check that fails on a malformed object yields Unknown, never a throw.
 */
export function resourceHealth(object: { apiVersion: string; kind: string }): Health | undefined {
  const check = CHECKS[`${groupOf(object.apiVersion)}/${object.kind}`];
  try {
    return check ? check(object) : conditionsHealth(object);
  } catch (error) {
    return { status: "Unknown", message: `health check failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}` };
  }
}
