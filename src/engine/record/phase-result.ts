import * as z from "zod";

/** One hook's outcome in a sync: the name the server gave it, and the failure in its own words. */
export const hookResultSchema = z.object({
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  status: z.enum(["Running", "Succeeded", "Failed"]),
  message: z.string().optional(),
});

/** One phase of a sync (PreSync, Sync, PostSync, SyncFail) or of a deletion (PostDelete), as Argo CD reports them. */
export const phaseResultSchema = z.object({
  phase: z.enum(["PreSync", "Sync", "PostSync", "SyncFail", "PostDelete"]),
  status: z.enum(["Running", "Succeeded", "Failed"]),
  /** The waves the phase ran, in order. */
  waves: z.array(z.number().int()),
  message: z.string().optional(),
  hooks: z.array(hookResultSchema).optional(),
});

export type PhaseResult = z.infer<typeof phaseResultSchema>;
export type HookResult = z.infer<typeof hookResultSchema>;
