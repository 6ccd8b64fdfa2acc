import * as z from "zod";

/**
 * A managed-fields set as the API server writes it (fieldsType FieldsV1): a trie whose keys are
 * `f:<field>`, `k:<list key>`, `v:<value>`, `i:<index>` or `.` (the node itself), every leaf `{}`.
 */
export type FieldsV1 = { [key: string]: FieldsV1 };

export const fieldsV1Schema: z.ZodType<FieldsV1> = z.lazy(() => z.record(z.string(), fieldsV1Schema));

/** The union of two sets: every path in either. Both must be of one apiVersion, or paths mean different fields. */
export function mergeFieldsV1(a: FieldsV1, b: FieldsV1): FieldsV1 {
  const out: FieldsV1 = { ...a };
  for (const [key, child] of Object.entries(b)) {
    const mine = out[key];
    out[key] = mine ? mergeFieldsV1(mine, child) : child;
  }
  return out;
}
