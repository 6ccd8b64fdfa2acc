// Namespaces and CRDs first, then the order Helm and Argo CD install in; custom resources last.
const ORDER = [
  "Namespace", "CustomResourceDefinition", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
  "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
  "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "DaemonSet", "Pod",
  "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
  "IngressClass", "Ingress", "APIService",
];
const rank = new Map(ORDER.map((kind, i) => [kind, i]));

/** Position of a kind in apply order; kinds not listed (custom resources) come last. */
export const kindRank = (kind: string): number => rank.get(kind) ?? ORDER.length;

/** Groups items into waves of one kind rank each, in apply order (stable within a wave). */
export function applyWaves<T>(items: readonly T[], kindOf: (item: T) => string): T[][] {
  const waves = new Map<number, T[]>();
  for (const item of items) {
    const r = kindRank(kindOf(item));
    const wave = waves.get(r);
    if (wave) wave.push(item);
    else waves.set(r, [item]);
  }
  return [...waves.entries()].sort(([a], [b]) => a - b).map(([, wave]) => wave);
}
