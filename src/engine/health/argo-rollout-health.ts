import * as z from "zod";
import type { HealthCheck } from "./health-check.ts";
import type { Health } from "./health-status.ts";
import { count, optionalCount } from "./numeric.ts";
import { readStatus, withMessage, type ResourceStatus } from "./resource-status.ts";

const rolloutStatusSchema = z.object({
  currentPodHash: z.string().nullish(),
  stableRS: z.string().nullish(),
  canary: z.object({ stableRS: z.string().nullish() }).loose().nullish(),
  blueGreen: z.object({ activeSelector: z.string().nullish() }).loose().nullish(),
  pauseConditions: z.array(z.unknown()).nullish(),
  replicas: count(0), updatedReplicas: count(0), availableReplicas: count(0),
  workloadObservedGeneration: optionalCount,
}).loose();
const rolloutSpecSchema = z.object({
  replicas: count(1), paused: z.boolean().nullish(), workloadRef: z.unknown().optional(),
  strategy: z.object({ canary: z.unknown().optional(), blueGreen: z.unknown().optional() }).loose().nullish(),
}).loose();

const WORKLOAD_GENERATION = "rollout.argoproj.io/workload-generation";
const FAILED_REASONS = new Set(["RolloutAborted", "ProgressDeadlineExceeded"]);

/**
 * As Argo CD judges an Argo Rollout: first whether the controller has seen the spec (its
 * status.observedGeneration is a string in Rollouts ≥ 0.10), then the phase Rollouts ≥ 1.0 writes
 * (Paused is Suspended), and for older controllers its conditions, pause and replica counts.
 */
export const argoRolloutHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  if (!s.hasStatus || !observed(s)) return { status: "Progressing", message: "Waiting for rollout spec update to be observed" };
  if (s.phase) return { status: s.phase === "Paused" ? "Suspended" : phaseStatus(s.phase), ...withMessage(s.message) };
  const failed = s.conditions.find((c) => c.type === "InvalidSpec" || (c.type === "Progressing" && FAILED_REASONS.has(c.reason ?? "")));
  if (failed) return { status: "Degraded", message: failed.message ?? failed.reason ?? failed.type };
  return legacyRolloutHealth(rolloutSpecSchema.parse(s.spec), rolloutStatusSchema.parse(s.raw));
};

function observed(s: ResourceStatus): boolean {
  const workload = s.annotations[WORKLOAD_GENERATION];
  const status = rolloutStatusSchema.parse(s.raw);
  if (s.spec.workloadRef !== undefined && workload !== undefined && Number(workload) !== status.workloadObservedGeneration) return false;
  // A Rollout before 0.10 wrote a hash here, which reads as no number: then it counts as observed.
  return s.observedGeneration === undefined || s.generation === undefined || s.observedGeneration >= s.generation;
}

const phaseStatus = (phase: string): Health["status"] =>
  phase === "Healthy" || phase === "Progressing" || phase === "Degraded" ? phase : "Unknown";

type Spec = z.infer<typeof rolloutSpecSchema>;
type Status = z.infer<typeof rolloutStatusSchema>;

function legacyRolloutHealth(spec: Spec, status: Status): Health {
  if ((status.pauseConditions?.length ?? 0) > 0 || spec.paused) return { status: "Suspended", message: "Rollout is paused" };
  if (!status.currentPodHash) return { status: "Progressing", message: "Waiting for rollout to finish: status has not been reconciled." };
  if (status.updatedReplicas < spec.replicas) {
    return { status: "Progressing", message: "Waiting for roll out to finish: More replicas need to be updated" };
  }
  if (status.availableReplicas < status.updatedReplicas) {
    return { status: "Progressing", message: "Waiting for roll out to finish: updated replicas are still becoming available" };
  }
  const stable = status.stableRS ?? status.canary?.stableRS ?? "";
  if (spec.strategy?.blueGreen !== undefined) {
    if (status.blueGreen?.activeSelector !== status.currentPodHash) return { status: "Progressing", message: "active service cutover pending" };
    if (stable !== "" && stable !== status.currentPodHash) return { status: "Progressing", message: "waiting for analysis to complete" };
  } else if (spec.strategy?.canary !== undefined) {
    if (status.replicas > status.updatedReplicas) {
      return { status: "Progressing", message: "Waiting for roll out to finish: old replicas are pending termination" };
    }
    if (stable !== status.currentPodHash) return { status: "Progressing", message: "Waiting for rollout to finish steps" };
  }
  return { status: "Healthy" };
}
