import { apiServiceHealth } from "./api-service-health.ts";
import { cronJobHealth } from "./cron-job-health.ts";
import { customResourceDefinitionHealth } from "./custom-resource-definition-health.ts";
import { daemonSetHealth } from "./daemon-set-health.ts";
import { deploymentHealth } from "./deployment-health.ts";
import type { HealthCheck } from "./health-check.ts";
import { horizontalPodAutoscalerHealth } from "./horizontal-pod-autoscaler-health.ts";
import { ingressHealth } from "./ingress-health.ts";
import { jobHealth } from "./job-health.ts";
import { namespaceHealth } from "./namespace-health.ts";
import { persistentVolumeClaimHealth } from "./persistent-volume-claim-health.ts";
import { podDisruptionBudgetHealth } from "./pod-disruption-budget-health.ts";
import { podHealth } from "./pod-health.ts";
import { replicaSetHealth } from "./replica-set-health.ts";
import { serviceHealth } from "./service-health.ts";
import { statefulSetHealth } from "./stateful-set-health.ts";

/** One check per built-in kind, keyed group/kind. */
export const BUILT_IN_CHECKS: Readonly<Record<string, HealthCheck>> = {
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
  "apiregistration.k8s.io/APIService": apiServiceHealth,
  "apiextensions.k8s.io/CustomResourceDefinition": customResourceDefinitionHealth,
  "policy/PodDisruptionBudget": podDisruptionBudgetHealth,
};
