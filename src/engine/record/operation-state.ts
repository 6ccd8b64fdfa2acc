import * as z from "zod";

/**
 * A sync under way, as Argo CD's operation state: written before the first apply and gone with
 * the record the sync leaves, so a record that still holds it names a sync that is running or was
 * cut off (a killed worker, an API server gone mid-apply) and the applied revision is not the
 * whole truth.
 */
export const operationStateSchema = z.object({
  phase: z.literal("Running"),
  /** The revision being applied. */
  revision: z.string(),
  trigger: z.string(),
  deliveryId: z.string(),
  startedAt: z.string(),
  /** Objects the sync is to apply. */
  objects: z.number().int().min(0),
  /** Objects applied when progress was last written (at tier boundaries, at most once a second): where a cut-off sync stopped. */
  applied: z.number().int().min(0).optional(),
});

export type OperationState = z.infer<typeof operationStateSchema>;
