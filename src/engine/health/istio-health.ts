import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";
import { readStatus } from "./resource-status.ts";

const validationSchema = z.object({
  validationMessages: z.array(z.object({
    level: z.string().nullish(),
    type: z.object({ code: z.string().nullish(), name: z.string().nullish() }).loose().nullish(),
  }).loose()).nullish(),
}).loose();

/**
 * Istio's configuration objects (VirtualService, DestinationRule, Gateway…) are Healthy when
 * written; an analyzer ERROR in status.validationMessages is Degraded, and a Reconciled=False
 * condition (istiod's distribution tracking) Progresses until every proxy has the config.
 */
export const istioHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  const messages = validationSchema.parse(s.raw).validationMessages ?? [];
  const error = messages.find((m) => (m.level ?? "").toUpperCase() === "ERROR");
  if (error) return { status: "Degraded", message: `${error.type?.code ?? "IST"} ${error.type?.name ?? "validation error"}`.trim() };
  const reconciled = s.conditions.find((c) => c.type === "Reconciled");
  if (reconciled && reconciled.status !== "True") return { status: "Progressing", message: reconciled.message ?? "Reconciling" };
  return { status: "Healthy" };
};
