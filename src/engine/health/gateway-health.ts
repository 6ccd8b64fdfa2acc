import * as z from "zod";
import { conditionsSchema, type Condition } from "./condition.ts";
import type { HealthCheck } from "./health-check.ts";
import type { Health } from "./health-status.ts";
import { generationPending, readStatus } from "./resource-status.ts";

const listenersSchema = z.object({
  listeners: z.array(z.object({ name: z.string().nullish(), conditions: conditionsSchema }).loose()).nullish(),
}).loose();
const parentsSchema = z.object({
  parents: z.array(z.object({
    parentRef: z.object({ name: z.string().nullish() }).loose().nullish(),
    conditions: conditionsSchema,
  }).loose()).nullish(),
}).loose();

/**
 * Gateway API's conditions, as Argo CD reads them: ResolvedRefs or Accepted False is Degraded,
 * Programmed not yet True Progresses. Undefined when these conditions have nothing to say.
 */
function gatewayConditions(conditions: readonly Condition[], prefix: string, what: string): Health | undefined {
  for (const type of ["ResolvedRefs", "Accepted"]) {
    const c = conditions.find((x) => x.type === type && x.status === "False");
    if (c) return { status: "Degraded", message: `${prefix}${c.message ?? `Failed condition: ${type}`}` };
  }
  const programmed = conditions.find((c) => c.type === "Programmed" && c.status !== "True");
  if (programmed) return { status: "Progressing", message: `${prefix}${programmed.message ?? `${what} is still being programmed`}` };
  const pending = conditions.find((c) => c.type === "Accepted" && c.status === "Unknown");
  if (pending) return { status: "Progressing", message: `${prefix}${pending.message ?? "Waiting for controller"}` };
  return undefined;
}

/** A Gateway: its own conditions, then each listener's. */
export const gatewayHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  if (!s.hasStatus) return { status: "Progressing", message: "Waiting for Gateway status" };
  if (generationPending(s)) return { status: "Progressing", message: "Waiting for the controller to observe the latest generation" };
  const own = gatewayConditions(s.conditions, "", "Gateway");
  if (own) return own;
  const listeners = listenersSchema.parse(s.raw).listeners ?? [];
  for (const l of listeners) {
    const health = gatewayConditions(l.conditions, "Listener: ", "Listener");
    if (health) return health;
  }
  if (s.conditions.length > 0 || listeners.length > 0) return { status: "Healthy", message: "Gateway is healthy" };
  return { status: "Progressing", message: "Waiting for Gateway status" };
};

/** A route (HTTPRoute, GRPCRoute, TLSRoute…): every parent Gateway's view of it. */
export const routeHealth = (kind: string): HealthCheck => (object) => {
  const parents = parentsSchema.parse(readStatus(object).raw).parents ?? [];
  for (const p of parents) {
    const health = gatewayConditions(p.conditions, `Parent ${p.parentRef?.name ?? ""}: `, "Route");
    if (health) return health;
  }
  if (parents.some((p) => p.conditions.length > 0)) return { status: "Healthy", message: `${kind} is healthy` };
  return { status: "Progressing", message: `Waiting for ${kind} status` };
};

/** A GatewayClass: its controller Accepts it (Healthy) or says why not (Degraded). */
export const gatewayClassHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  if (generationPending(s)) return { status: "Progressing", message: "Waiting for the controller to observe the latest generation" };
  const accepted = s.conditions.find((c) => c.type === "Accepted");
  if (accepted?.status === "True") return { status: "Healthy", message: accepted.message ?? "GatewayClass is accepted" };
  if (accepted?.status === "False") return { status: "Degraded", message: accepted.message ?? accepted.reason ?? "Accepted is False" };
  return { status: "Progressing", message: accepted?.message ?? "Waiting for controller" };
};
