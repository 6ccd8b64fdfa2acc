import * as z from "zod";
import { conditionsSchema, type Condition } from "./condition.ts";
import { looseCount } from "./numeric.ts";

const text = z.string().nullish().transform((s) => s ?? undefined);
const resourceSchema = z.object({
  metadata: z.object({
    generation: looseCount,
    annotations: z.record(z.string(), z.string()).nullish().transform((a) => a ?? {}),
  }).loose().nullish().transform((m) => m ?? { generation: undefined, annotations: {} }),
  spec: z.record(z.string(), z.unknown()).nullish().transform((s) => s ?? {}),
  status: z.object({ observedGeneration: looseCount, conditions: conditionsSchema, phase: text, message: text }).loose()
    .nullish(),
}).loose();

/** The status fields most custom resources share, read leniently (strings for numbers, nulls, gaps). */
export interface ResourceStatus {
  generation: number | undefined;
  annotations: Record<string, string>;
  spec: Record<string, unknown>;
  /** False when the controller has written no status yet. */
  hasStatus: boolean;
  observedGeneration: number | undefined;
  conditions: Condition[];
  phase: string | undefined;
  message: string | undefined;
  /** status itself, for fields a check reads with its own schema. */
  raw: Record<string, unknown>;
}

export function readStatus(object: unknown): ResourceStatus {
  const { metadata, spec, status } = resourceSchema.parse(object);
  return {
    generation: metadata.generation, annotations: metadata.annotations, spec, hasStatus: !!status,
    observedGeneration: status?.observedGeneration, conditions: status?.conditions ?? [],
    phase: status?.phase, message: status?.message, raw: status ?? {},
  };
}

/** True when the controller has not yet seen the latest spec (status.observedGeneration behind). */
export const generationPending = (s: ResourceStatus): boolean =>
  s.generation !== undefined && s.observedGeneration !== undefined && s.observedGeneration < s.generation;

/** The condition of `type` whose status is `status`. */
export const conditionIs = (s: ResourceStatus, type: string, status: string): Condition | undefined =>
  s.conditions.find((c) => c.type === type && c.status === status);

/** A message field of a Health, only when there is text. */
export const withMessage = (message: string | undefined): { message?: string } => (message ? { message } : {});

const generationsSchema = z.object({
  metadata: z.object({ generation: looseCount }).loose().nullish(),
  status: z.object({ observedGeneration: looseCount }).loose().nullish(),
}).loose();

/** generationPending read from those two fields alone, whatever else the object holds. */
export function observedGenerationBehind(object: unknown): boolean {
  const parsed = generationsSchema.safeParse(object);
  if (!parsed.success) return false;
  const generation = parsed.data.metadata?.generation;
  const observed = parsed.data.status?.observedGeneration;
  return generation !== undefined && observed !== undefined && observed < generation;
}
