import type { HealthCheck } from "./health-check.ts";
import { conditionIs, generationPending, readStatus, withMessage } from "./resource-status.ts";

/**
 * Strimzi's Kafka, KafkaTopic, KafkaUser, KafkaConnect…: a new generation Progresses, NotReady
 * (or Ready=False) is Degraded with the operator's message, Ready=True Healthy.
 */
export const strimziHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  if (!s.hasStatus || generationPending(s)) return { status: "Progressing", message: "Waiting for the operator to reconcile" };
  const notReady = conditionIs(s, "NotReady", "True") ?? conditionIs(s, "Ready", "False");
  if (notReady) return { status: "Degraded", message: notReady.message ?? notReady.reason ?? "NotReady" };
  const ready = conditionIs(s, "Ready", "True");
  if (ready) return { status: "Healthy", ...withMessage(ready.message) };
  return { status: "Progressing", message: "Waiting for the operator to reconcile" };
};
