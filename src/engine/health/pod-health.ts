import * as z from "zod";
import { conditionsSchema, findCondition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";

const containerStatusSchema = z.object({
  name: z.string(),
  ready: z.boolean().default(false),
  restartCount: z.number().default(0),
  state: z.object({
    waiting: z.object({ reason: z.string().optional(), message: z.string().optional() }).loose().optional(),
    terminated: z.object({ reason: z.string().optional(), message: z.string().optional(), exitCode: z.number().optional() }).loose().optional(),
  }).loose().optional(),
}).loose();

const podSchema = z.object({
  metadata: z.object({ deletionTimestamp: z.string().optional() }).loose(),
  spec: z.object({ restartPolicy: z.string().default("Always") }).loose(),
  status: z.object({
    phase: z.string().default("Pending"),
    reason: z.string().optional(),
    message: z.string().optional(),
    conditions: conditionsSchema,
    containerStatuses: z.array(containerStatusSchema).default([]),
    initContainerStatuses: z.array(containerStatusSchema).default([]),
  }).loose().default({ phase: "Pending", conditions: [], containerStatuses: [], initContainerStatuses: [] }),
}).loose();

// Waiting reasons that do not fix themselves: the pod will not start without a change.
const STUCK = new Set(["CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "CreateContainerConfigError", "InvalidImageName", "CreateContainerError", "RunContainerError"]);

/** Pending and starting pods Progress, Running and Ready ones are Healthy, failed or stuck ones Degraded. */
export const podHealth: HealthCheck = (object) => {
  const { metadata, spec, status } = podSchema.parse(object);
  if (metadata.deletionTimestamp) return { status: "Progressing", message: "Pending deletion" };
  for (const c of [...status.initContainerStatuses, ...status.containerStatuses]) {
    const reason = c.state?.waiting?.reason;
    if (reason && STUCK.has(reason)) return { status: "Degraded", message: `container ${c.name}: ${reason}${c.state?.waiting?.message ? `: ${c.state.waiting.message}` : ""}` };
  }
  switch (status.phase) {
    case "Pending": {
      const scheduled = findCondition(status.conditions, "PodScheduled");
      const message = scheduled?.status === "False" ? scheduled.message ?? scheduled.reason : status.message;
      return { status: "Progressing", ...(message ? { message } : {}) };
    }
    case "Succeeded":
      return { status: "Healthy", ...(status.message ? { message: status.message } : {}) };
    case "Failed": {
      const terminated = status.containerStatuses.map((c) => c.state?.terminated).find((t) => t?.message || t?.reason);
      const message = status.message ?? terminated?.message ?? terminated?.reason ?? "pod failed";
      return { status: "Degraded", message };
    }
    case "Running": {
      if (spec.restartPolicy !== "Always") return { status: "Progressing", message: "running to completion" };
      const ready = findCondition(status.conditions, "Ready");
      if (ready?.status === "True") return { status: "Healthy" };
      return { status: "Progressing", message: ready?.message ?? "containers are not ready" };
    }
    default:
      return { status: "Unknown", message: status.message ?? `pod phase ${status.phase}` };
  }
};
