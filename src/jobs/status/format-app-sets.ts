import type { AppDefinitionProblem } from "../../core/apps/app-definition-problem.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import { appSetReport, type AppCounts } from "./app-set-report.ts";
import type { StatusRow } from "./status-row.ts";
import { statusTable } from "./status-table.ts";

const counts = (c: AppCounts): string =>
  `apps=${c.apps} synced=${c.synced} healthy=${c.healthy} in-progress=${c.inProgress} not-healthy=${c.notHealthy} not-synced=${c.notSynced}`;

/** Per app set its counts, then per cluster its counts, its condition when it could not be read, and its apps. */
export function formatAppSets(rows: readonly StatusRow[], index: AppIndex): string[] {
  const lines: string[] = [];
  for (const set of appSetReport(rows, index)) {
    lines.push(`APP SET ${set.appSet}  clusters=${set.clusters} ${counts(set)}`);
    for (const cluster of set.perCluster) {
      lines.push(`  CLUSTER ${cluster.cluster}  ${counts(cluster)}`);
      if (cluster.condition) lines.push(`    condition: ${cluster.condition}`);
      const members = rows.filter((r) => r.cluster === cluster.cluster && index.get(r.app)?.appSet === set.appSet);
      lines.push(...statusTable(members, "    ", { ...(cluster.condition ? { omit: cluster.condition } : {}), widthOf: rows }));
    }
    lines.push("");
  }
  return lines;
}

/** The app and app-set definitions refused, each with its file, path and message. */
export function formatProblems(problems: readonly AppDefinitionProblem[]): string[] {
  if (problems.length === 0) return [];
  return [`APP SOURCE PROBLEMS (${problems.length}): refused; the apps they name keep their last good definition`,
    ...problems.map((p) => `  ${problemLine(p)}`), ""];
}

/** `<file>: <path>: <message>`, naming the app or app set when it could be read. */
export function problemLine(p: AppDefinitionProblem): string {
  return `${p.file}: ${p.path || "(root)"}: ${p.message}${p.name ? ` (${p.name})` : ""}`;
}
