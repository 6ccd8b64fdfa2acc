import * as z from "zod";
import { count } from "./numeric.ts";
import type { HealthCheck } from "./health-check.ts";

const daemonSetSchema = z.object({
  metadata: z.object({ name: z.string(), generation: count(0) }).loose(),
  spec: z.object({ updateStrategy: z.object({ type: z.string().default("RollingUpdate") }).loose().default({ type: "RollingUpdate" }) }).loose(),
  status: z.object({
    observedGeneration: count(0),
    desiredNumberScheduled: count(0),
    updatedNumberScheduled: count(0),
    numberAvailable: count(0),
  }).loose().default({ observedGeneration: 0, desiredNumberScheduled: 0, updatedNumberScheduled: 0, numberAvailable: 0 }),
}).loose();

/** As `kubectl rollout status` judges a DaemonSet: every scheduled pod updated and available. */
export const daemonSetHealth: HealthCheck = (object) => {
  const { metadata, spec, status } = daemonSetSchema.parse(object);
  if (status.observedGeneration < metadata.generation) {
    return { status: "Progressing", message: "Waiting for rollout to finish: observed daemon set generation less than desired generation" };
  }
  if (spec.updateStrategy.type === "OnDelete") {
    return { status: "Healthy", message: "daemon set has the OnDelete update strategy: pods update when deleted" };
  }
  if (status.updatedNumberScheduled < status.desiredNumberScheduled) {
    return { status: "Progressing", message: `Waiting for daemon set "${metadata.name}" rollout to finish: ${status.updatedNumberScheduled} out of ${status.desiredNumberScheduled} new pods have been updated...` };
  }
  if (status.numberAvailable < status.desiredNumberScheduled) {
    return { status: "Progressing", message: `Waiting for daemon set "${metadata.name}" rollout to finish: ${status.numberAvailable} of ${status.desiredNumberScheduled} updated pods are available...` };
  }
  return { status: "Healthy" };
};
