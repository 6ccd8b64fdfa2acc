import type { StatusRow } from "./status-row.ts";

const pad = (s: string, n: number): string => (s.length >= n ? s : s + " ".repeat(n - s.length));

/**
 * A multi-cluster report: per cluster a table of apps (revision, sync, health, last change) with
 * the first problem under each app that has one, then a summary line of counts.
 */
export function formatStatus(rows: readonly StatusRow[]): string {
  const clusters = [...new Set(rows.map((r) => r.cluster))].sort();
  const lines: string[] = [];
  const header = ["APP", "REVISION", "SYNC", "HEALTH", "LAST CHANGE"];
  const width = [
    Math.max(header[0]?.length ?? 0, ...rows.map((r) => r.app.length)),
    12,
    Math.max(9, ...rows.map((r) => r.sync.length)),
    Math.max(11, ...rows.map((r) => r.health.length)),
  ];
  for (const cluster of clusters) {
    lines.push(`CLUSTER ${cluster}`);
    lines.push(`  ${header.map((h, i) => (i < width.length ? pad(h, width[i] ?? 0) : h)).join("  ")}`);
    for (const r of rows.filter((row) => row.cluster === cluster).sort((a, b) => a.app.localeCompare(b.app))) {
      const cells = [r.app, r.revision ? r.revision.slice(0, 12) : "(none)", r.sync, r.health];
      lines.push(`  ${cells.map((c, i) => pad(c, width[i] ?? 0)).join("  ")}  ${r.lastChange ?? "never"}`);
      if (r.message) lines.push(`    ${r.message}`);
    }
    lines.push("");
  }
  const count = (pred: (r: StatusRow) => boolean) => rows.filter(pred).length;
  lines.push([
    `clusters=${clusters.length}`,
    `apps=${rows.length}`,
    `synced=${count((r) => r.sync === "Synced")}`,
    `out-of-sync=${count((r) => r.sync === "OutOfSync")}`,
    `healthy=${count((r) => r.health === "Healthy")}`,
    `progressing=${count((r) => r.health === "Progressing")}`,
    `degraded=${count((r) => r.health === "Degraded")}`,
    `other=${count((r) => !["Healthy", "Progressing", "Degraded"].includes(r.health))}`,
  ].join(" "));
  return `${lines.join("\n")}\n`;
}
