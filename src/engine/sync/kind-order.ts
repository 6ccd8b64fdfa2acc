// Namespaces and CRDs first, then the order Helm and Argo CD install in; custom resources last.
const ORDER = [
  "Namespace", "CustomResourceDefinition", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
  "PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "StorageClass", "PersistentVolume",
  "PersistentVolumeClaim", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding", "Service", "DaemonSet", "Pod",
  "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob",
  "IngressClass", "Ingress", "APIService",
];
const rank = new Map(ORDER.map((kind, i) => [kind, i]));

/**
 * The orders the API server itself depends on, each tier applied once the one before is: a
 * namespace or CRD before what lives in it; quotas, limit ranges, policies and storage classes
 * before the objects their admission judges; roles before the bindings whose escalation check
 * reads them; service accounts, secrets, config maps, volumes, services and bindings before the
 * workloads whose Pods need them; then what points at workloads and services, and custom
 * resources. Argo CD applies a whole wave at once (within --kubectl-parallelism-limit); Sluice
 * keeps these orders and nothing more.
 */
const TIERS: readonly (readonly string[])[] = [
  ["Namespace", "CustomResourceDefinition"],
  ["NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy", "StorageClass", "PersistentVolume"],
  ["PodDisruptionBudget", "ServiceAccount", "Secret", "ConfigMap", "PersistentVolumeClaim", "ClusterRole", "Role", "Service", "IngressClass"],
  ["ClusterRoleBinding", "RoleBinding"],
  ["DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment", "StatefulSet", "Job", "CronJob"],
];
const tierOf = new Map(TIERS.flatMap((kinds, tier) => kinds.map((kind) => [kind, tier] as const)));

/** Position of a kind in apply order; kinds not listed (custom resources) come last. */
export const kindRank = (kind: string): number => rank.get(kind) ?? ORDER.length;

/** Groups items into waves of one kind rank each, in apply order (stable within a wave). */
export function applyWaves<T>(items: readonly T[], kindOf: (item: T) => string): T[][] {
  return groupBy(items, (item) => kindRank(kindOf(item)));
}

/**
 * Groups items into the tiers above, in order; within a tier, by kind rank (stable), so the
 * first requests sent still go in Helm's order. Objects of one tier may be applied side by side.
 */
export function applyTiers<T>(items: readonly T[], kindOf: (item: T) => string): T[][] {
  const sorted = applyWaves(items, kindOf).flat();
  return groupBy(sorted, (item) => tierOf.get(kindOf(item)) ?? TIERS.length);
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a - b).map(([, group]) => group);
}
