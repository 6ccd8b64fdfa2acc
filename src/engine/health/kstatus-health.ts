import type { Health } from "./health-status.ts";
import { conditionIs, generationPending, readStatus, withMessage, type ResourceStatus } from "./resource-status.ts";
import { conditionText } from "./condition.ts";

// The conventional summary conditions, in the order they are trusted.
const SUMMARY = ["Ready", "Available", "Healthy", "Succeeded", "Established"];

/**
 * Health by the kstatus conventions that most controllers follow: a spec not yet observed and
 * Reconciling=True Progress, Stalled=True is Degraded, then the first of Ready/Available/… decides.
 * Undefined when the object says nothing of the kind: its health is not known.
 */
export function kstatusHealth(object: unknown): Health | undefined {
  return kstatusOf(readStatus(object));
}

export function kstatusOf(s: ResourceStatus): Health | undefined {
  if (!s.hasStatus) return undefined;
  const stalled = conditionIs(s, "Stalled", "True");
  if (stalled) return { status: "Degraded", message: conditionText(stalled) || "Stalled" };
  if (generationPending(s)) return { status: "Progressing", message: "Waiting for the controller to observe the latest generation" };
  const reconciling = conditionIs(s, "Reconciling", "True");
  if (reconciling) return { status: "Progressing", message: conditionText(reconciling) || "Reconciling" };
  for (const type of SUMMARY) {
    const c = s.conditions.find((x) => x.type === type);
    if (!c) continue;
    if (c.status === "True") return { status: "Healthy", ...withMessage(c.message) };
    if (c.status === "False") return { status: "Degraded", message: conditionText(c) || `${type} is False` };
    return { status: "Progressing", message: conditionText(c) || `${type} is Unknown` };
  }
  return undefined;
}
