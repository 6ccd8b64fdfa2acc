import { backoffMs, type BackoffOptions } from "../../core/util/backoff.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import type { HttpRequest, HttpResponse, HttpTransport } from "./http-transport.ts";
import { retryAfterMs } from "./retry-after.ts";

export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** How one client retries: its clock and random source are injected so tests neither wait nor guess. */
export interface RetryPolicy {
  readonly clock: RetryClock;
  readonly random?: () => number;
  /** Attempts per request, counting the first. */
  readonly maxAttempts: number;
  readonly backoff?: BackoffOptions;
  /** A Retry-After longer than this is not waited out here: the answer goes back to the caller (and the queue). */
  readonly maxWaitMs?: number;
  /** Before every attempt (a registry takes a token from its request budget). */
  readonly beforeAttempt?: () => Promise<void>;
  /**
   * When an answer says how long to wait; true when the caller holds requests itself until then
   * (a registry closes its budget for every job, and beforeAttempt waits), so no sleep here.
   */
  readonly onRetryAfter?: (status: number, ms: number) => boolean;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8_000 };

// RFC 9110 §9.2.2: these may be sent again without a second effect.
const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE"]);
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Sends `request`, retrying an idempotent one that got no answer or a transient status (408,
 * 429, 5xx) after the Retry-After it was given, or a capped jittered backoff. Resolves with the
 * last answer, whatever its status; rejects with the last error when none came.
 */
export async function sendWithRetry(transport: HttpTransport, request: HttpRequest, policy: RetryPolicy): Promise<HttpResponse> {
  const attempts = IDEMPOTENT.has(request.method) ? policy.maxAttempts : 1;
  for (let attempt = 1; ; attempt++) {
    await policy.beforeAttempt?.();
    let res: HttpResponse;
    try {
      res = await transport(request);
    } catch (error) {
      if (attempt >= attempts || retryOf(error) === "never") throw error;
      await policy.clock.sleep(backoffMs(attempt, policy.backoff ?? DEFAULT_BACKOFF, policy.random));
      continue;
    }
    if (!TRANSIENT.has(res.status)) return res;
    const asked = retryAfterMs(res.header("retry-after"), policy.clock.now());
    const held = asked !== undefined && (policy.onRetryAfter?.(res.status, asked) ?? false);
    if (attempt >= attempts || (asked !== undefined && asked > (policy.maxWaitMs ?? 5_000))) return res;
    await res.text();
    if (!held) await policy.clock.sleep(asked ?? backoffMs(attempt, policy.backoff ?? DEFAULT_BACKOFF, policy.random));
  }
}

/** A transport that retries as `policy` says: for clients that need no hooks of their own. */
export function withRetry(transport: HttpTransport, policy: RetryPolicy): HttpTransport {
  return (request) => sendWithRetry(transport, request, policy);
}
