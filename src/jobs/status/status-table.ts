import type { StatusRow } from "./status-row.ts";

const pad = (s: string, n: number): string => (s.length >= n ? s : s + " ".repeat(n - s.length));

/**
 * One table of apps (revision, sync, health, last change) at `indent`, each app's message under it
 * unless it is `omit` (a cluster's condition, said once above the table); columns as wide as `widthOf` needs.
 */
export function statusTable(rows: readonly StatusRow[], indent: string, options: { omit?: string; widthOf?: readonly StatusRow[] } = {}): string[] {
  const all = options.widthOf ?? rows;
  const header = ["APP", "REVISION", "SYNC", "HEALTH", "LAST CHANGE"];
  const width = [
    Math.max(header[0]?.length ?? 0, ...all.map((r) => r.app.length)),
    12,
    Math.max(9, ...all.map((r) => r.sync.length)),
    Math.max(11, ...all.map((r) => r.health.length)),
  ];
  const lines = [`${indent}${header.map((h, i) => (i < width.length ? pad(h, width[i] ?? 0) : h)).join("  ")}`];
  for (const r of [...rows].sort((a, b) => a.app.localeCompare(b.app))) {
    const cells = [r.app, r.revision ? r.revision.slice(0, 12) : "(none)", r.sync, r.health];
    lines.push(`${indent}${cells.map((c, i) => pad(c, width[i] ?? 0)).join("  ")}  ${r.lastChange ?? "never"}`);
    if (r.message && r.message !== options.omit) lines.push(`${indent}  ${r.message}`);
  }
  return lines;
}
