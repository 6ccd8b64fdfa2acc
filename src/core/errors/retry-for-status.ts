import type { Retry } from "./retry.ts";

/**
 * How an HTTP status answers "retry?": 408, 429 and 5xx pass (after the Retry-After when the
 * server gave one); any other refusal will be made again.
 */
export function retryForStatus(status: number, retryAfterMs?: number): Retry {
  if (status !== 408 && status !== 429 && status < 500) return "never";
  return retryAfterMs === undefined ? "later" : { afterMs: retryAfterMs };
}
