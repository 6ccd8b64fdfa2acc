import * as z from "zod";
import { HEALTH_STATUSES } from "../health/health-status.ts";
import { objectBaselineSchema } from "../diff/object-baseline.ts";
import { phaseResultSchema } from "./phase-result.ts";
import { renderFailureSchema, syncWaitSchema } from "./sync-wait.ts";
import { operationStateSchema } from "./operation-state.ts";

export const HISTORY_LIMIT = 20;

const historyEntrySchema = z.object({
  at: z.string(),
  revision: z.string(),
  trigger: z.string(),
  deliveryId: z.string(),
  result: z.enum(["Succeeded", "Failed"]),
  message: z.string().optional(),
  /** Each phase's result, for syncs of apps with hooks or waves. */
  phases: z.array(phaseResultSchema).optional(),
});

/** What Sluice keeps per app beside the app itself: the applied revision, its images, sync and health, recent syncs. */
export const appRecordSchema = z.object({
  app: z.string(),
  revision: z.string(),
  images: z.record(z.string(), z.string()),
  sync: z.object({
    status: z.enum(["Synced", "OutOfSync", "Unknown"]),
    message: z.string().optional(),
    /** The last sync failed for a reason that passes: the sweep syncs again, self-heal or not. */
    retry: z.literal(true).optional(),
  }),
  // Records written before health was tracked read as Unknown.
  health: z.object({ status: z.enum(HEALTH_STATUSES), message: z.string().optional() }).default({ status: "Unknown" }),
  /** inventoryKey of every object the app applied: apiVersion/kind/namespace/name. */
  inventory: z.array(z.string()),
  history: z.array(historyEntrySchema),
  /** The tag Sluice last wrote per image repository: an older tag in git is a human's rollback. */
  written: z.record(z.string(), z.string()).optional(),
  /** Images Sluice holds where a human rolled them back, each with its status line. */
  holds: z.array(z.object({ repository: z.string(), tag: z.string(), from: z.string(), message: z.string() })).optional(),
  /** Digest of what the app renders from at `revision` (appSourceDigest): the sweep compares it with the branch head's. */
  source: z.string().optional(),
  /** inventoryKey → what Sluice last saw of the object matching git; the sweep diffs only objects that moved since. */
  objects: z.record(z.string(), objectBaselineSchema).optional(),
  /** The last revision that failed to render, and why: not rendered again until a newer commit or a person's sync. */
  renderError: renderFailureSchema.optional(),
  /** A sync waiting for a wave or hook, continued by a later job. */
  syncWait: syncWaitSchema.optional(),
  /** A sync that began and has not left its record yet: running, or cut off. */
  operation: operationStateSchema.optional(),
});

export type AppRecord = z.infer<typeof appRecordSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Adds a sync to a record's history, newest first, keeping the last HISTORY_LIMIT. */
export function withHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}
