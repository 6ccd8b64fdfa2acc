import { retryOf } from "../../core/errors/retry-of.ts";
import { backoffMs, type BackoffOptions } from "../../core/util/backoff.ts";

export interface TransientRetryOptions {
  sleep(ms: number): Promise<void>;
  /** Waiting this job may spend on one call before its failure stands (and the queue or the sweep retries). */
  budgetMs: number;
  random?: () => number;
}

// An API server restarting is back within seconds; the waits double up to this.
const BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 4_000 };

/** How long an apply may wait out a transient failure within its job: an API server restart, and then some. */
export const APPLY_RETRY_BUDGET_MS = 20_000;

/**
 * Makes `call` again while it fails for a reason its adapter says passes (no answer, 429, 5xx,
 * a new namespace's service account not there yet), after the Retry-After the server named or a
 * doubling backoff, until `budgetMs` of waiting is spent. A refusal that will be made again
 * (retry: never), or an error no adapter classified, is thrown at once.
 */
export async function retryTransient<T>(call: () => Promise<T>, options: TransientRetryOptions): Promise<T> {
  let waited = 0;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const retry = retryOf(error, "never");
      if (retry === "never") throw error;
      const wait = typeof retry === "object" ? retry.afterMs : backoffMs(attempt, BACKOFF, options.random);
      if (waited + wait > options.budgetMs) throw error;
      await options.sleep(wait);
      waited += wait;
    }
  }
}
