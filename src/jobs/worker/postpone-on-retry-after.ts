import { retryAfterMsOf } from "../../core/errors/retry-of.ts";

/** SQS's longest visibility timeout: 12 hours. */
const MAX_SECONDS = 12 * 60 * 60;

/**
 * Wraps a message handler so that a job failing because an endpoint said "come back in N
 * seconds" (a registry's 429 with Retry-After, a spent request budget) is not redelivered before then: `postpone` sets the
 * message's visibility to N seconds. The error still propagates, so the message is retried.
 */
export function postponeOnRetryAfter<M>(handle: (message: M) => Promise<unknown>, postpone: (message: M, seconds: number) => Promise<void>, onPostponeError: (error: unknown) => void): (message: M) => Promise<unknown> {
  return async (message) => {
    try {
      return await handle(message);
    } catch (error) {
      const wait = retryAfterMsOf(error);
      // A failed postpone leaves the queue's own visibility timeout in force: worth a log, not a second failure.
      if (wait !== undefined && wait > 0) await postpone(message, Math.min(MAX_SECONDS, Math.ceil(wait / 1000))).catch(onPostponeError);
      throw error;
    }
  };
}
