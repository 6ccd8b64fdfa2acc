import type { Manifest } from "../render/manifest.ts";

// Namespaces and CRDs first, then the order Helm and Argo CD install in; custom resources last.
const ORDER = [
  "Namespace", "CustomResourceDefinition", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
  "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
  "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "DaemonSet", "Pod",
  "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
  "IngressClass", "Ingress", "APIService",
];
const rank = new Map(ORDER.map((kind, i) => [kind, i]));

/** Sorts objects into apply order (stable within a kind). */
export function sortForApply(manifests: readonly Manifest[]): Manifest[] {
  return [...manifests].sort((a, b) => (rank.get(a.kind) ?? ORDER.length) - (rank.get(b.kind) ?? ORDER.length));
}
