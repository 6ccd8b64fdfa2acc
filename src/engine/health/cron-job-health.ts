import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";

const time = z.string().nullish().transform((s) => s ?? undefined);
const cronJobSchema = z.object({
  spec: z.object({ suspend: z.boolean().nullish() }).loose().default({}),
  status: z.object({ active: z.array(z.unknown()).nullish(), lastScheduleTime: time, lastSuccessfulTime: time }).loose().nullish(),
}).loose();

/**
 * As Argo CD judges a CronJob: suspended is Suspended, active Jobs Progress, and the last run
 * decides: a last success older than the last schedule (or none) is Degraded.
 */
export const cronJobHealth: HealthCheck = (object) => {
  const { spec, status } = cronJobSchema.parse(object);
  if (spec.suspend) return { status: "Suspended", message: "CronJob is Suspended" };
  if (!status) return { status: "Progressing", message: "Waiting for CronJob" };
  const active = status.active?.length ?? 0;
  if (active > 0) return { status: "Progressing", message: `Waiting for ${active} Jobs to complete` };
  if (!status.lastScheduleTime) return { status: "Healthy" };
  // RFC 3339 times in UTC compare as text.
  if (!status.lastSuccessfulTime || status.lastSuccessfulTime < status.lastScheduleTime) {
    return { status: "Degraded", message: "CronJob has not completed its last execution successfully" };
  }
  return { status: "Healthy", message: "CronJob has completed its last execution successfully" };
};
