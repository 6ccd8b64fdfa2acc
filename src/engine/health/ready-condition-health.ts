import type { HealthCheck } from "./health-check.ts";
import { generationPending, readStatus, withMessage } from "./resource-status.ts";

/**
 * The check shared by kinds whose controller reports one Ready condition (External Secrets'
 * stores and secrets, cert-manager issuers, Knative): True is Healthy, False Degraded with its
 * message, Unknown or absent still Progressing.
 */
export const readyConditionHealth = (waiting: string): HealthCheck => (object) => {
  const s = readStatus(object);
  if (generationPending(s)) return { status: "Progressing", message: waiting };
  const ready = s.conditions.find((c) => c.type === "Ready");
  if (ready?.status === "True") return { status: "Healthy", ...withMessage(ready.message) };
  if (ready?.status === "False") return { status: "Degraded", message: ready.message ?? ready.reason ?? "Ready is False" };
  return { status: "Progressing", message: ready?.message ?? waiting };
};
