import type { Health } from "./health-status.ts";

/** A pure check of one kind's live object. It may throw on a malformed object; resourceHealth turns that into Unknown. */
export type HealthCheck = (object: unknown) => Health;
