import type { HealthCheck } from "./health-check.ts";
import { conditionIs, readStatus, withMessage } from "./resource-status.ts";

const HEALTHY_PHASE = "Cluster in healthy state";
// CloudNativePG's documented phases that need a person rather than time.
const FAILED = /fail|cannot|unable|not enough|unrecoverable|error/i;

/**
 * A CloudNativePG Cluster: hibernated (cnpg.io/hibernation: on) is Suspended, the healthy
 * phase Healthy, a phase that reports a failure Degraded, every other phase (creating a
 * replica, switchover, upgrading…) Progressing.
 */
export const cloudNativePgHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  if (s.annotations["cnpg.io/hibernation"] === "on") return { status: "Suspended", message: "Cluster is hibernated" };
  if (!s.phase) return { status: "Progressing", message: "Waiting for the operator to set up the cluster" };
  if (s.phase === HEALTHY_PHASE && !conditionIs(s, "Ready", "False")) return { status: "Healthy", message: s.phase };
  const reason = typeof s.raw.phaseReason === "string" ? s.raw.phaseReason : undefined;
  if (FAILED.test(s.phase)) return { status: "Degraded", message: reason ? `${s.phase}: ${reason}` : s.phase };
  return { status: "Progressing", ...withMessage(s.phase) };
};
