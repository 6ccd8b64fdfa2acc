import * as z from "zod";
import { groupOf } from "../../adapters/kube/object-ref.ts";
import { BUILT_IN_CHECKS } from "./built-in-checks.ts";
import { customResourceCheck } from "./custom-resource-checks.ts";
import { kstatusHealth } from "./kstatus-health.ts";
import { describeFailure } from "./describe-failure.ts";
import type { HealthCheck } from "./health-check.ts";
import type { Health } from "./health-status.ts";

/** Argo CD's annotation: leave this object out of the app's health. */
export const IGNORE_HEALTHCHECK = "argocd.argoproj.io/ignore-healthcheck";

/** Checks from config (CEL, Lua), looked up before the native ones. */
export interface HealthOverrides {
  find(group: string, kind: string): HealthCheck | undefined;
}

interface LiveObject {
  apiVersion: string;
  kind: string;
}

const metadataSchema = z.object({
  metadata: z.object({
    annotations: z.record(z.string(), z.unknown()).nullish(),
    deletionTimestamp: z.string().nullish(),
  }).loose().nullish(),
}).loose();

/**
 * Health of one live object, or undefined for kinds that have none (ConfigMaps, RBAC, …) and
 * objects annotated to be ignored. A configured check wins over the native one; a check that
 * fails yields Unknown with one line saying why, never a throw.
 */
export function resourceHealth(object: LiveObject, overrides?: HealthOverrides): Health | undefined {
  const parsed = metadataSchema.safeParse(object);
  const metadata = (parsed.success ? parsed.data.metadata : undefined) ?? {};
  if (metadata.annotations?.[IGNORE_HEALTHCHECK] === "true") return undefined;
  if (metadata.deletionTimestamp) return { status: "Progressing", message: "Pending deletion" };
  const group = groupOf(object.apiVersion);
  const check = overrides?.find(group, object.kind) ?? BUILT_IN_CHECKS[`${group}/${object.kind}`] ??
    customResourceCheck(group, object.kind) ?? kstatusHealth;
  try {
    return check(object);
  } catch (error) {
    return { status: "Unknown", message: `${object.kind} health check failed: ${describeFailure(error)}` };
  }
}
