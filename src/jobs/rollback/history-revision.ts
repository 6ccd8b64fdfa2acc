import type { AppRecord } from "../../engine/record/app-record.ts";

/** The one revision of the app's history that `given` (a full id or a prefix) names, or why there is none. */
export function historyRevision(record: AppRecord | undefined, app: string, given: string): { revision: string } | { error: string } {
  const found = [...new Set((record?.history ?? []).map((h) => h.revision))].filter((r) => r.startsWith(given));
  if (found.length === 1 && found[0]) return { revision: found[0] };
  return { error: found.length === 0 ? `${given} is not in ${app}'s history` : `${given} names ${found.length} revisions of the history; give more digits` };
}
