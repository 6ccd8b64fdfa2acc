import type { AppIndex } from "../../core/apps/app-index.ts";
import type { StatusRow } from "./status-row.ts";
import { statusTable } from "./status-table.ts";
import { formatAppSets, formatProblems } from "./format-app-sets.ts";

/**
 * A multi-cluster report: per cluster a table of apps (revision, sync, health, last change) with
 * the first problem under each app that has one, then a summary line of counts. With the index,
 * apps an app set generated are grouped by app set and cluster with their counts and each
 * cluster's condition, and the app-source definitions refused are listed with their paths.
 */
export function formatStatus(rows: readonly StatusRow[], index?: AppIndex): string {
  const inSet = (row: StatusRow) => index?.get(row.app)?.appSet !== undefined;
  const direct = rows.filter((r) => !inSet(r));
  const lines: string[] = [];
  for (const cluster of [...new Set(direct.map((r) => r.cluster))].sort()) {
    lines.push(`CLUSTER ${cluster}`, ...statusTable(direct.filter((row) => row.cluster === cluster), "  ", { widthOf: direct }), "");
  }
  if (index) lines.push(...formatAppSets(rows.filter(inSet), index), ...formatProblems(index.problems));
  const count = (pred: (r: StatusRow) => boolean) => rows.filter(pred).length;
  lines.push([
    `clusters=${new Set(rows.map((r) => r.cluster)).size}`,
    `apps=${rows.length}`,
    `synced=${count((r) => r.sync === "Synced")}`,
    `out-of-sync=${count((r) => r.sync === "OutOfSync")}`,
    `healthy=${count((r) => r.health === "Healthy")}`,
    `progressing=${count((r) => r.health === "Progressing")}`,
    `degraded=${count((r) => r.health === "Degraded")}`,
    `other=${count((r) => !["Healthy", "Progressing", "Degraded"].includes(r.health))}`,
    ...(index && index.problems.length > 0 ? [`problems=${index.problems.length}`] : []),
  ].join(" "));
  return `${lines.join("\n")}\n`;
}
