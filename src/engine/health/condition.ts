import * as z from "zod";
import { looseCount } from "./numeric.ts";

/** One entry of status.conditions, as most kinds and custom resources write them. */
export const conditionSchema = z.object({
  type: z.string(),
  status: z.string().default("Unknown"),
  reason: z.string().nullish().transform((s) => s ?? undefined),
  message: z.string().nullish().transform((s) => s ?? undefined),
  observedGeneration: looseCount,
}).loose();

export type Condition = z.infer<typeof conditionSchema>;

// Some controllers write `conditions: null` before their first real status, and an entry
// without a type says nothing a check could use: it is left out rather than failing the object.
export const conditionsSchema = z.array(z.unknown()).nullish().transform((entries) =>
  (entries ?? []).flatMap((entry) => {
    const parsed = conditionSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  }));

/** The condition of a type, if present. */
export const findCondition = (conditions: readonly Condition[], type: string): Condition | undefined =>
  conditions.find((c) => c.type === type);

/** "reason: message", or whichever of them there is. */
export const conditionText = (c: Condition): string => [c.reason, c.message].filter(Boolean).join(": ");
