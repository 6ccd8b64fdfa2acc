import * as z from "zod";
import { conditionsSchema, conditionText, type Condition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

// autoscaling/v1 has no conditions field; the API server keeps them in this annotation as JSON.
const V1_CONDITIONS = "autoscaling.alpha.kubernetes.io/conditions";

const hpaSchema = z.object({
  metadata: z.object({ annotations: z.record(z.string(), z.string()).default({}) }).loose(),
  status: z.object({ conditions: conditionsSchema }).loose().default({ conditions: [] }),
}).loose();

/**
 * An autoscaler that cannot read its target or metrics (a False condition with a Failed… or
 * InvalidSelector reason) is Degraded; one that has not evaluated yet Progresses.
 */
export const horizontalPodAutoscalerHealth: HealthCheck = (object) => {
  const { metadata, status } = hpaSchema.parse(object);
  const annotated = metadata.annotations[V1_CONDITIONS];
  const conditions: Condition[] = status.conditions.length > 0 || annotated === undefined ? status.conditions : conditionsSchema.parse(JSON.parse(annotated));
  if (conditions.length === 0) return { status: "Progressing", message: "Waiting to Autoscale" };
  const failing = conditions.find((c) => c.status === "False" && /^(Failed|InvalidSelector|InvalidMetricSourceType)/.test(c.reason ?? ""));
  if (failing) return { status: "Degraded", message: conditionText(failing) };
  const limited = conditions.find((c) => c.type === "ScalingLimited" && c.status === "True");
  return { status: "Healthy", ...(limited ? { message: conditionText(limited) } : {}) };
};
