import type { HealthCheck } from "./health-check.ts";
import { kstatusOf } from "./kstatus-health.ts";
import { readStatus } from "./resource-status.ts";

/**
 * Flux's own objects (Kustomization, HelmRelease, sources, image automation): spec.suspend is
 * Suspended; otherwise they follow kstatus, which Flux's controllers write to the letter.
 */
export const fluxHealth: HealthCheck = (object) => {
  const s = readStatus(object);
  if (s.spec.suspend === true) return { status: "Suspended", message: "Reconciliation is suspended" };
  return kstatusOf(s) ?? { status: "Progressing", message: "Waiting for the controller to report Ready" };
};
