import * as z from "zod";
import { conditionsSchema, findCondition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

const apiServiceSchema = z.object({ status: z.object({ conditions: conditionsSchema }).loose().nullish() }).loose();

/** Available is Healthy; an APIService that is not (yet) Available Progresses, as in Argo CD. */
export const apiServiceHealth: HealthCheck = (object) => {
  const available = findCondition(apiServiceSchema.parse(object).status?.conditions ?? [], "Available");
  if (!available) return { status: "Progressing", message: "Waiting to be processed" };
  const message = `${available.reason ?? ""}: ${available.message ?? ""}`;
  return { status: available.status === "True" ? "Healthy" : "Progressing", message };
};
