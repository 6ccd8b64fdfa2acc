import type { AppIndex } from "../../core/apps/app-index.ts";
import { groupBy } from "../../core/util/group-by.ts";
import type { StatusRow } from "./status-row.ts";

/** What the report reads of one app's row: `sluice status` rows and the dashboard's rows both give it. */
export type ReportRow = Pick<StatusRow, "app" | "cluster" | "sync" | "health" | "message">;

/** The counts of a group of apps, as Argo CD's ApplicationSet status gives them. */
export interface AppCounts {
  apps: number;
  synced: number;
  healthy: number;
  inProgress: number;
  notHealthy: number;
  notSynced: number;
}

/** One cluster's part of an app set: its apps' counts and, when it could not be read, why (an RBAC 403). */
export interface AppSetClusterReport extends AppCounts {
  cluster: string;
  condition?: string;
}

/** One app set (or the apps declared directly, under `(none)`), as a dashboard or `sluice status` shows it. */
export interface AppSetReport extends AppCounts {
  appSet: string;
  clusters: number;
  perCluster: AppSetClusterReport[];
}

/** The key of apps no app set generated. */
export const NO_APP_SET = "(none)";

/** The rows grouped by app set and cluster, as plain JSON: what the app-set API returns. */
export function appSetReport(rows: readonly ReportRow[], index: AppIndex): AppSetReport[] {
  const sets = groupBy(rows, (row) => index.get(row.app)?.appSet ?? NO_APP_SET);
  return [...sets].sort(([a], [b]) => a.localeCompare(b)).map(([appSet, members]) => {
    const clusters = groupBy(members, (row) => row.cluster);
    const perCluster = [...clusters].sort(([a], [b]) => a.localeCompare(b)).map(([cluster, apps]) => {
      const condition = conditionOf(apps);
      return { cluster, ...countsOf(apps), ...(condition ? { condition } : {}) };
    });
    return { appSet, clusters: clusters.size, ...countsOf(members), perCluster };
  });
}

function countsOf(rows: readonly ReportRow[]): AppCounts {
  const count = (pred: (r: ReportRow) => boolean) => rows.filter(pred).length;
  return {
    apps: rows.length,
    synced: count((r) => r.sync === "Synced"),
    healthy: count((r) => r.health === "Healthy"),
    // healthy + inProgress + notHealthy = apps: each app is counted once by its health.
    inProgress: count((r) => r.health === "Progressing"),
    notHealthy: count((r) => r.health !== "Healthy" && r.health !== "Progressing"),
    notSynced: count((r) => r.sync !== "Synced"),
  };
}

/** A cluster whose records could not be read makes each of its apps Unknown with the same reason: that is its condition. */
function conditionOf(rows: readonly ReportRow[]): string | undefined {
  return rows.find((r) => r.sync === "Unknown" && r.message?.startsWith("cannot read"))?.message;
}
