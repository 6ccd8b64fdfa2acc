/** Growth of a retry's wait: `baseMs` for the first retry, doubling, never more than `maxMs`. */
export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first): capped exponential, each between
 * half and one and a half times that so that workers retrying together spread out.
 */
export function backoffMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  return Math.round(Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1)) * (0.5 + random()));
}
