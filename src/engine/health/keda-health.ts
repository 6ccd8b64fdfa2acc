import type { HealthCheck } from "./health-check.ts";
import { conditionIs, readStatus, withMessage } from "./resource-status.ts";

/**
 * As Argo CD judges KEDA's ScaledObject and ScaledJob: Ready=False or Fallback=True is Degraded,
 * Ready and Paused Suspended, Ready Healthy; before the first Ready the autoscaler is being made.
 */
export const kedaHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  const failed = conditionIs(s, "Ready", "False") ?? conditionIs(s, "Fallback", "True");
  if (failed) return { status: "Degraded", ...withMessage(failed.message ?? failed.reason) };
  const ready = conditionIs(s, "Ready", "True");
  const paused = conditionIs(s, "Paused", "True");
  if (ready && paused) return { status: "Suspended", ...withMessage(paused.message) };
  if (ready) return { status: "Healthy", ...withMessage(ready.message) };
  return { status: "Progressing", message: "Creating HorizontalPodAutoscaler Object" };
};
