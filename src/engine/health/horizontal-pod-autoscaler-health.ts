import * as z from "zod";
import { conditionsSchema, type Condition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

// autoscaling/v1 has no conditions field; the API server keeps them in this annotation as JSON.
const V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

const hpaSchema = z.object({
  metadata: z.object({ annotations: z.record(z.string(), z.string()).nullish() }).loose().default({}),
  status: z.object({ conditions: conditionsSchema }).loose().nullish(),
}).loose();

const DEGRADED = new Set(["AbleToScale/FailedGetScale", "AbleToScale/FailedUpdateScale",
  "ScalingActive/FailedGetResourceMetric", "ScalingActive/InvalidSelector"]);
const HEALTHY_TYPES = new Set(["AbleToScale", "ScalingLimited"]);
const WAITING = { status: "Progressing", message: "Waiting to Autoscale" } as const;

/**
 * As Argo CD judges an autoscaler: conditions are read in order and the first that decides wins,
 * a known failure (type and reason) Degraded, an AbleToScale or ScalingLimited that is True
 * Healthy; when none decides it is still Waiting to Autoscale.
 */
export const horizontalPodAutoscalerHealth: HealthCheck = (object) => {
  const { metadata, status } = hpaSchema.parse(object);
  const annotated = metadata.annotations?.[V1_CONDITIONS];
  const fromAnnotation = (): Condition[] => conditionsSchema.parse(JSON.parse(annotated ?? "[]"));
  const conditions = status?.conditions.length ? status.conditions : fromAnnotation();
  for (const c of conditions) {
    if (DEGRADED.has(`${c.type}/${c.reason ?? ""}`)) return { status: "Degraded", message: c.message ?? c.type };
    if (HEALTHY_TYPES.has(c.type) && c.status === "True") return { status: "Healthy", ...(c.message ? { message: c.message } : {}) };
  }
  return WAITING;
};
