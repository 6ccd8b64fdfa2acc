import * as z from "zod";
import { conditionsSchema, conditionText, findCondition } from "./condition.ts";
import { count } from "./numeric.ts";
import type { HealthCheck } from "./health-check.ts";

const replicaSetSchema = z.object({
  metadata: z.object({ generation: count(0) }).loose(),
  spec: z.object({ replicas: count(1) }).loose(),
  status: z.object({ observedGeneration: count(0), availableReplicas: count(0), conditions: conditionsSchema }).loose()
    .default({ observedGeneration: 0, availableReplicas: 0, conditions: [] }),
}).loose();

/** A ReplicaSet (or ReplicationController) is Healthy when all its replicas are available; ReplicaFailure is Degraded. */
export const replicaSetHealth: HealthCheck = (object) => {
  const { metadata, spec, status } = replicaSetSchema.parse(object);
  if (status.observedGeneration < metadata.generation) {
    return { status: "Progressing", message: "Waiting for rollout to finish: observed replica set generation less than desired generation" };
  }
  const failure = findCondition(status.conditions, "ReplicaFailure");
  if (failure?.status === "True") return { status: "Degraded", message: conditionText(failure) };
  if (status.availableReplicas < spec.replicas) {
    return { status: "Progressing", message: `Waiting for rollout to finish: ${status.availableReplicas} out of ${spec.replicas} new replicas are available...` };
  }
  return { status: "Healthy" };
};
