import type { Health } from "./health-status.ts";

/**
 * A pure check of one kind's live object; undefined when the object says nothing of its health.
 * It may throw on a malformed object; resourceHealth turns that into Unknown.
 */
export type HealthCheck = (object: unknown) => Health | undefined;
