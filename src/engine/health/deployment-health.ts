import * as z from "zod";
import { conditionsSchema, findCondition } from "./condition.ts";
import { count } from "./numeric.ts";
import type { HealthCheck } from "./health-check.ts";

const deploymentSchema = z.object({
  metadata: z.object({ name: z.string(), generation: count(0) }).loose(),
  spec: z.object({ replicas: count(1), paused: z.boolean().default(false) }).loose(),
  status: z.object({
    observedGeneration: count(0),
    replicas: count(0),
    updatedReplicas: count(0),
    availableReplicas: count(0),
    conditions: conditionsSchema,
  }).loose().default({ observedGeneration: 0, replicas: 0, updatedReplicas: 0, availableReplicas: 0, conditions: [] }),
}).loose();

/** As `kubectl rollout status` judges a Deployment, plus paused (Suspended) and a missed progress deadline (Degraded). */
export const deploymentHealth: HealthCheck = (object) => {
  const { metadata, spec, status } = deploymentSchema.parse(object);
  if (spec.paused) return { status: "Suspended", message: "Deployment is paused" };
  if (status.observedGeneration < metadata.generation) {
    return { status: "Progressing", message: "Waiting for rollout to finish: observed deployment generation less than desired generation" };
  }
  const progressing = findCondition(status.conditions, "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return { status: "Degraded", message: `Deployment "${metadata.name}" exceeded its progress deadline` };
  }
  if (status.updatedReplicas < spec.replicas) {
    return { status: "Progressing", message: `Waiting for rollout to finish: ${status.updatedReplicas} out of ${spec.replicas} new replicas have been updated...` };
  }
  if (status.replicas > status.updatedReplicas) {
    return { status: "Progressing", message: `Waiting for rollout to finish: ${status.replicas - status.updatedReplicas} old replicas are pending termination...` };
  }
  if (status.availableReplicas < status.updatedReplicas) {
    return { status: "Progressing", message: `Waiting for rollout to finish: ${status.availableReplicas} of ${status.updatedReplicas} updated replicas are available...` };
  }
  return { status: "Healthy" };
};
