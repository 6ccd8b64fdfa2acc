import * as z from "zod";
import { conditionsSchema, conditionText, findCondition } from "./condition.ts";
import type { Health } from "./health-status.ts";

const resourceSchema = z.object({
  metadata: z.object({ generation: z.number().optional() }).loose(),
  status: z.object({ observedGeneration: z.number().optional(), conditions: conditionsSchema }).loose().optional(),
}).loose();

// The conventional summary conditions, in the order they are trusted.
const SUMMARY = ["Ready", "Available", "Healthy", "Succeeded", "Established"];

/**
 * Health of a custom resource that follows the status.conditions conventions (kstatus): Stalled
 * is Degraded, Reconciling is Progressing, then the first of Ready/Available/Healthy/… decides.
 * Undefined when the object has no such conditions: its health is not known to Sluice.
 */
export function conditionsHealth(object: unknown): Health | undefined {
  const { metadata, status } = resourceSchema.parse(object);
  if (!status) return undefined;
  const { conditions } = status;
  if (metadata.generation !== undefined && status.observedGeneration !== undefined && status.observedGeneration < metadata.generation) {
    return { status: "Progressing", message: "waiting for the controller to observe the latest generation" };
  }
  const stalled = findCondition(conditions, "Stalled");
  if (stalled?.status === "True") return { status: "Degraded", message: conditionText(stalled) || "stalled" };
  const reconciling = findCondition(conditions, "Reconciling");
  if (reconciling?.status === "True") return { status: "Progressing", message: conditionText(reconciling) || "reconciling" };
  for (const type of SUMMARY) {
    const c = findCondition(conditions, type);
    if (!c) continue;
    const message = conditionText(c);
    if (c.status === "True") return { status: "Healthy", ...(message ? { message } : {}) };
    if (c.status === "False") return { status: "Degraded", message: message || `${type} is False` };
    return { status: "Progressing", message: message || `${type} is Unknown` };
  }
  return undefined;
}
