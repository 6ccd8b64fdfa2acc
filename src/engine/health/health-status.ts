/** Health states, best first: a later one is worse (Argo CD's order). */
export const HEALTH_STATUSES = ["Healthy", "Suspended", "Progressing", "Missing", "Degraded", "Unknown"] as const;

export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface Health {
  status: HealthStatus;
  message?: string;
}

/** True when `a` is worse than `b`. */
export const isWorse = (a: HealthStatus, b: HealthStatus): boolean => HEALTH_STATUSES.indexOf(a) > HEALTH_STATUSES.indexOf(b);
