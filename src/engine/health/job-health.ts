import * as z from "zod";
import { conditionsSchema } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

const jobSchema = z.object({ status: z.object({ conditions: conditionsSchema }).loose().nullish() }).loose();

/**
 * As Argo CD judges a Job, from its conditions: Failed is Degraded with its message, Suspended
 * (True) is Suspended, Complete is Healthy, and with none of them it is still running.
 */
export const jobHealth: HealthCheck = (object) => {
  const conditions = jobSchema.parse(object).status?.conditions ?? [];
  const failed = conditions.find((c) => c.type === "Failed" && c.status === "True");
  if (failed) return { status: "Degraded", message: failed.message ?? failed.reason ?? "Job failed" };
  const suspended = conditions.find((c) => c.type === "Suspended" && c.status === "True");
  if (suspended) return { status: "Suspended", message: suspended.message ?? "Job is suspended" };
  const complete = conditions.find((c) => c.type === "Complete" && c.status === "True");
  if (complete) return { status: "Healthy", message: complete.message ?? "Job completed" };
  return { status: "Progressing", message: "Job is running" };
};
