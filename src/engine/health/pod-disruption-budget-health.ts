import * as z from "zod";
import { conditionsSchema } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

const pdbSchema = z.object({ status: z.object({ conditions: conditionsSchema }).loose().nullish() }).loose();

/**
 * As Argo CD judges a PodDisruptionBudget: a False condition is Degraded, except
 * InsufficientPods, which is a normal state for a small workload; no condition yet Progresses.
 */
export const podDisruptionBudgetHealth: HealthCheck = (object) => {
  const conditions = pdbSchema.parse(object).status?.conditions ?? [];
  const broken = conditions.find((c) => c.status === "False" && c.reason !== "InsufficientPods");
  if (broken) return { status: "Degraded", message: `PodDisruptionBudget has ${broken.reason ?? broken.type}` };
  const last = conditions.at(-1);
  if (!last) return { status: "Progressing", message: "Waiting for status" };
  return { status: "Healthy", message: `PodDisruptionBudget has ${last.reason ?? last.type}` };
};
