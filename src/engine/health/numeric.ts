import * as z from "zod";

// Controllers write counts as numbers, but some (Argo Rollouts' observedGeneration, Istio's) write
// strings, and fields go missing before the first status. Accept all three.
const fromString = z.string().trim().regex(/^-?\d+$/).transform(Number);
const shown = (input: unknown): string => (JSON.stringify(input) ?? String(input)).slice(0, 40);
const numeric = z.union([z.number(), fromString], {
  error: (issue) => `expected a number or a numeric string, got ${shown(issue.input)}`,
});

/** A count or generation: a number or a numeric string; `fallback` when absent or null. */
export const count = (fallback: number) =>
  numeric.nullish().transform((n) => n ?? fallback);

/** The same, left undefined when absent, so "not written yet" stays apart from 0. */
export const optionalCount = numeric.nullish().transform((n) => n ?? undefined);

/**
 * A generation that is a number only when it can be read as one: Argo Rollouts before 0.10 wrote
 * a hash in status.observedGeneration, which says nothing of the generation and is left undefined.
 */
export const looseCount = z.unknown().transform((v): number | undefined => {
  if (typeof v === "number") return v;
  return typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;
}).optional();
