import * as z from "zod";
import { conditionsSchema, conditionText, findCondition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

const jobSchema = z.object({
  spec: z.object({ suspend: z.boolean().default(false) }).loose().default({ suspend: false }),
  status: z.object({ active: z.number().default(0), succeeded: z.number().default(0), conditions: conditionsSchema }).loose()
    .default({ active: 0, succeeded: 0, conditions: [] }),
}).loose();

/** Complete is Healthy, Failed is Degraded, suspended is Suspended, anything else is still running. */
export const jobHealth: HealthCheck = (object) => {
  const { spec, status } = jobSchema.parse(object);
  const failed = findCondition(status.conditions, "Failed");
  if (failed?.status === "True") return { status: "Degraded", message: conditionText(failed) || "job failed" };
  const complete = findCondition(status.conditions, "Complete");
  if (complete?.status === "True") return { status: "Healthy", message: conditionText(complete) || "job completed" };
  if (spec.suspend) return { status: "Suspended", message: "job is suspended" };
  return { status: "Progressing", message: `job is running: ${status.active} active, ${status.succeeded} succeeded` };
};
