import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";

const cronJobSchema = z.object({
  spec: z.object({ suspend: z.boolean().default(false) }).loose(),
  status: z.object({ lastScheduleTime: z.string().optional(), lastSuccessfulTime: z.string().optional() }).loose().default({}),
}).loose();

/**
 * A CronJob is Suspended when suspended, else Healthy: whether its runs succeed shows on the Jobs
 * it creates, which are not the app's own objects.
 */
export const cronJobHealth: HealthCheck = (object) => {
  const { spec, status } = cronJobSchema.parse(object);
  if (spec.suspend) return { status: "Suspended", message: "CronJob is suspended" };
  return { status: "Healthy", ...(status.lastScheduleTime ? { message: `last scheduled at ${status.lastScheduleTime}` } : {}) };
};
