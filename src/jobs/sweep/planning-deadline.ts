/** Planning stops this long before the function would be stopped: time to queue what it found and save its state. */
export const PLANNING_MARGIN_MS = 30_000;

/**
 * When a sweep stops starting new work: the invocation's remaining time (a Lambda context's
 * `getRemainingTimeInMillis()`) less a margin. Undefined when the caller has no deadline.
 */
export function planningDeadline(remainingMs: number | undefined, now: number = Date.now(), marginMs: number = PLANNING_MARGIN_MS): number | undefined {
  return remainingMs === undefined ? undefined : now + Math.max(0, remainingMs - marginMs);
}
