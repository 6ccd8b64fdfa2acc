import * as z from "zod";
import { phaseResultSchema } from "./phase-result.ts";

/** A revision that failed to render: the renderer's message (file and line), when. */
export const renderFailureSchema = z.object({
  revision: z.string(),
  message: z.string(),
  at: z.string(),
});

/**
 * Where a sync that waits for a wave or hook stands, so that a later job continues it instead of
 * a worker waiting: the revision, the step (phase and wave) it waits on since when, the hooks it
 * started there, and the phases so far.
 */
export const syncWaitSchema = z.object({
  revision: z.string(),
  trigger: z.string(),
  deliveryId: z.string(),
  /** When the sync began (ISO), for its history entry. */
  startedAt: z.string(),
  step: z.number().int().min(0),
  /** Epoch ms the step's wait began: its wave timeout runs from here. */
  since: z.number(),
  hooks: z.array(z.object({ apiVersion: z.string(), kind: z.string(), name: z.string(), namespace: z.string().optional() })),
  phases: z.array(phaseResultSchema),
});

export type RenderFailure = z.infer<typeof renderFailureSchema>;
export type SyncWait = z.infer<typeof syncWaitSchema>;
