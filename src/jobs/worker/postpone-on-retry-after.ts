import { RegistryTransientError } from "../../adapters/registry/registry-errors.ts";

/** SQS's longest visibility timeout: 12 hours. */
const MAX_SECONDS = 12 * 60 * 60;

/**
 * Wraps a message handler so that a job failing because a registry said "come back in N
 * seconds" (429 with Retry-After) is not redelivered before then: `postpone` sets the
 * message's visibility to N seconds. The error still propagates, so the message is retried.
 */
export function postponeOnRetryAfter<M>(handle: (message: M) => Promise<unknown>, postpone: (message: M, seconds: number) => Promise<void>, onPostponeError: (error: unknown) => void): (message: M) => Promise<unknown> {
  return async (message) => {
    try {
      return await handle(message);
    } catch (error) {
      const wait = error instanceof RegistryTransientError ? error.retryAfterMs : undefined;
      // A failed postpone leaves the queue's own visibility timeout in force: worth a log, not a second failure.
      if (wait !== undefined && wait > 0) await postpone(message, Math.min(MAX_SECONDS, Math.ceil(wait / 1000))).catch(onPostponeError);
      throw error;
    }
  };
}
