import type { AppRow } from "./app-row.ts";
import type { ListQuery } from "./list-query.ts";

/** A cluster's counts over the apps the filters keep, as the app-set report counts them. */
export interface ClusterSummary {
  cluster: string;
  apps: number;
  synced: number;
  outOfSync: number;
  healthy: number;
  progressing: number;
  notHealthy: number;
}

export interface AppList {
  total: number;
  page: number;
  pageSize: number;
  items: AppRow[];
  /** Per cluster, over every app that matches (not only this page). */
  clusters: ClusterSummary[];
  /** The values the filters can take, over every app. */
  facets: { clusters: string[]; namespaces: string[]; appSets: string[]; labels: string[] };
}

const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();

/** One page of the rows the query keeps, with the per-cluster summary and the filters' values. */
export function listApps(rows: readonly AppRow[], query: ListQuery): AppList {
  const matches = rows.filter(matcher(query));
  const start = (query.page - 1) * query.pageSize;
  return {
    total: matches.length,
    page: query.page,
    pageSize: query.pageSize,
    items: matches.slice(start, start + query.pageSize),
    clusters: summaries(matches),
    facets: {
      clusters: sorted(rows.map((r) => r.cluster)),
      namespaces: sorted(rows.map((r) => r.namespace)),
      appSets: sorted(rows.flatMap((r) => (r.appSet ? [r.appSet] : []))),
      labels: sorted(rows.flatMap((r) => Object.entries(r.labels).map(([k, v]) => `${k}=${v}`))),
    },
  };
}

function matcher(query: ListQuery): (row: AppRow) => boolean {
  const words = (query.q ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const [labelKey, labelValue] = query.label?.includes("=") ? [query.label.slice(0, query.label.indexOf("=")), query.label.slice(query.label.indexOf("=") + 1)] : [query.label, undefined];
  return (row) => {
    if (query.cluster !== undefined && row.cluster !== query.cluster) return false;
    if (query.namespace !== undefined && row.namespace !== query.namespace) return false;
    if (query.sync !== undefined && row.sync !== query.sync) return false;
    if (query.health !== undefined && row.health !== query.health) return false;
    if (query.appSet !== undefined && row.appSet !== query.appSet) return false;
    if (labelKey !== undefined && (!(labelKey in row.labels) || (labelValue !== undefined && row.labels[labelKey] !== labelValue))) return false;
    if (words.length === 0) return true;
    const text = [row.name, row.appSet ?? "", row.cluster, row.namespace, row.revision, ...Object.entries(row.images).map(([r, t]) => `${r}:${t}`)].join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  };
}

function summaries(rows: readonly AppRow[]): ClusterSummary[] {
  const byCluster = new Map<string, ClusterSummary>();
  for (const row of rows) {
    const s = byCluster.get(row.cluster) ?? { cluster: row.cluster, apps: 0, synced: 0, outOfSync: 0, healthy: 0, progressing: 0, notHealthy: 0 };
    s.apps += 1;
    if (row.sync === "Synced") s.synced += 1;
    if (row.sync === "OutOfSync") s.outOfSync += 1;
    if (row.health === "Healthy") s.healthy += 1;
    else if (row.health === "Progressing") s.progressing += 1;
    else s.notHealthy += 1;
    byCluster.set(row.cluster, s);
  }
  return [...byCluster.values()].sort((a, b) => a.cluster.localeCompare(b.cluster));
}
