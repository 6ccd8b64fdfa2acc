import * as z from "zod";
import { count } from "./numeric.ts";
import type { HealthCheck } from "./health-check.ts";

const statefulSetSchema = z.object({
  metadata: z.object({ generation: count(0) }).loose(),
  spec: z.object({
    replicas: count(1),
    updateStrategy: z.object({
      type: z.string().default("RollingUpdate"),
      rollingUpdate: z.object({ partition: count(0) }).loose().optional(),
    }).loose().default({ type: "RollingUpdate" }),
  }).loose(),
  status: z.object({
    observedGeneration: count(0),
    readyReplicas: count(0),
    updatedReplicas: count(0),
    currentRevision: z.string().optional(),
    updateRevision: z.string().optional(),
  }).loose().default({ observedGeneration: 0, readyReplicas: 0, updatedReplicas: 0 }),
}).loose();

/** As `kubectl rollout status` judges a StatefulSet: all ready, and updated up to the partition. */
export const statefulSetHealth: HealthCheck = (object) => {
  const { metadata, spec, status } = statefulSetSchema.parse(object);
  if (status.observedGeneration === 0 || status.observedGeneration < metadata.generation) {
    return { status: "Progressing", message: "Waiting for statefulset spec update to be observed..." };
  }
  if (status.readyReplicas < spec.replicas) {
    return { status: "Progressing", message: `Waiting for ${spec.replicas - status.readyReplicas} pods to be ready...` };
  }
  if (spec.updateStrategy.type === "OnDelete") {
    return { status: "Healthy", message: "statefulset has the OnDelete update strategy: pods update when deleted" };
  }
  const partition = spec.updateStrategy.rollingUpdate?.partition ?? 0;
  if (partition > 0) {
    const expected = spec.replicas - partition;
    if (status.updatedReplicas < expected) {
      return { status: "Progressing", message: `Waiting for partitioned roll out to finish: ${status.updatedReplicas} out of ${expected} new pods have been updated...` };
    }
    return { status: "Healthy", message: `partitioned roll out complete: ${status.updatedReplicas} new pods have been updated...` };
  }
  if (status.updateRevision !== status.currentRevision) {
    return { status: "Progressing", message: `waiting for statefulset rolling update to complete ${status.updatedReplicas} pods at revision ${status.updateRevision ?? "?"}...` };
  }
  return { status: "Healthy", message: `statefulset rolling update complete ${status.readyReplicas} pods at revision ${status.currentRevision ?? "?"}...` };
};
