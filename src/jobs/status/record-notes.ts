import type { AppRecord } from "../../engine/record/app-record.ts";
import type { PhaseResult } from "../../engine/record/phase-result.ts";

/** One phase in a line: `PreSync Failed (waves -1, 0): Job/migrate: …`. */
export function phaseLine(phase: PhaseResult): string {
  const waves = phase.waves.length > 1 ? ` (waves ${phase.waves.join(", ")})` : phase.waves[0] ? ` (wave ${phase.waves[0]})` : "";
  return `${phase.phase} ${phase.status}${waves}${phase.message ? `: ${phase.message}` : ""}`;
}

/**
 * What `sluice status` adds under an app beside its sync message: a render failure not in it,
 * the phases of a sync that waits, those of the last sync when one of them failed, and each hold (an
 * image or chart a rollback holds, or a chart version Sluice cannot write back).
 */
export function recordNotes(record: AppRecord): string[] {
  const notes: string[] = [];
  const failed = record.renderError;
  if (failed && !record.sync.message?.includes(failed.message)) notes.push(`render of ${failed.revision.slice(0, 12)} failed: ${failed.message}`);
  const phases = record.syncWait?.phases ?? record.history[0]?.phases ?? [];
  if (record.syncWait || phases.some((p) => p.status === "Failed")) notes.push(`phases: ${phases.map(phaseLine).join("; ")}`);
  for (const hold of record.holds ?? []) notes.push(`hold: ${hold.message}`);
  return notes;
}
