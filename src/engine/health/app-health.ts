import { isWorse, type Health, type HealthStatus } from "./health-status.ts";

export interface ResourceHealth {
  /** kind/namespace/name, for the message. */
  resource: string;
  health: Health;
}

/**
 * Folds per-object health into the app's: the worst status wins, and its message names the
 * object. An app with no object that has health is Healthy.
 */
export function appHealth(resources: readonly ResourceHealth[]): Health & { counts: Partial<Record<HealthStatus, number>> } {
  const counts: Partial<Record<HealthStatus, number>> = {};
  let worst: ResourceHealth | undefined;
  for (const r of resources) {
    counts[r.health.status] = (counts[r.health.status] ?? 0) + 1;
    if (!worst || isWorse(r.health.status, worst.health.status)) worst = r;
  }
  if (!worst || worst.health.status === "Healthy") return { status: "Healthy", counts };
  return { status: worst.health.status, message: `${worst.resource}: ${worst.health.message ?? worst.health.status}`, counts };
}
