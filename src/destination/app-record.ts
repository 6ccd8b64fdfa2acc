import { z } from "zod";

export const HISTORY_LIMIT = 20;

const historyEntrySchema = z.object({
  at: z.string(),
  revision: z.string(),
  trigger: z.string(),
  deliveryId: z.string(),
  result: z.enum(["Succeeded", "Failed"]),
  message: z.string().optional(),
});

/** What Sluice keeps per app beside the app itself: the applied revision, its images, recent syncs. */
export const appRecordSchema = z.object({
  app: z.string(),
  revision: z.string(),
  images: z.record(z.string(), z.string()),
  sync: z.object({ status: z.enum(["Synced", "OutOfSync", "Unknown"]), message: z.string().optional() }),
  inventory: z.array(z.string()),
  history: z.array(historyEntrySchema),
});

export type AppRecord = z.infer<typeof appRecordSchema>;
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

/** Adds a sync to a record's history, newest first, keeping the last HISTORY_LIMIT. */
export function withHistory(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...history].slice(0, HISTORY_LIMIT);
}
