import type { AppIndex } from "../../core/apps/app-index.ts";
import type { StatusRow } from "./status-row.ts";

/** One cluster's part of an app set: its apps' counts and, when it could not be read, why (an RBAC 403). */
export interface AppSetClusterReport {
  cluster: string;
  apps: number;
  synced: number;
  healthy: number;
  condition?: string;
}

/** One app set (or the apps declared directly, under `(none)`), as a dashboard or `sluice status` shows it. */
export interface AppSetReport {
  appSet: string;
  clusters: number;
  apps: number;
  synced: number;
  healthy: number;
  inProgress: number;
  notHealthy: number;
  notSynced: number;
  perCluster: AppSetClusterReport[];
}

/** The status rows grouped by app set and cluster, as plain JSON: what the status JSON API returns. */
export function appSetReport(rows: readonly StatusRow[], index: AppIndex): AppSetReport[] {
  const sets = new Map<string, StatusRow[]>();
  for (const row of rows) {
    const key = index.get(row.app)?.appSet ?? "(none)";
    sets.set(key, [...(sets.get(key) ?? []), row]);
  }
  return [...sets].sort(([a], [b]) => a.localeCompare(b)).map(([appSet, members]) => {
    const clusters = new Map<string, StatusRow[]>();
    for (const row of members) clusters.set(row.cluster, [...(clusters.get(row.cluster) ?? []), row]);
    return {
      appSet,
      clusters: clusters.size,
      apps: members.length,
      synced: members.filter((r) => r.sync === "Synced").length,
      healthy: members.filter((r) => r.health === "Healthy").length,
      inProgress: members.filter((r) => r.health === "Progressing").length,
      notHealthy: members.filter((r) => r.health !== "Healthy" && r.health !== "Progressing").length,
      notSynced: members.filter((r) => r.sync !== "Synced").length,
      perCluster: [...clusters].map(([cluster, apps]) => clusterReport(cluster, apps)),
    };
  });
}

function clusterReport(cluster: string, apps: readonly StatusRow[]): AppSetClusterReport {
  // A cluster whose records could not be read makes every app of it Unknown with the same reason.
  const unreadable = apps.find((r) => r.sync === "Unknown" && r.message?.startsWith("cannot read"));
  return {
    cluster,
    apps: apps.length,
    synced: apps.filter((r) => r.sync === "Synced").length,
    healthy: apps.filter((r) => r.health === "Healthy").length,
    ...(unreadable?.message ? { condition: unreadable.message } : {}),
  };
}
