import { backoffMs, type BackoffOptions } from "../../core/util/backoff.ts";
import type { EndpointState } from "./sweep-state.ts";

/** A minute after the first failed sweep, doubling with each failed sweep after, at most half an hour. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 60_000, maxMs: 30 * 60_000 };

/**
 * Which endpoints (git hosts, registries, clusters) a sweep may call. An endpoint that failed in
 * every call of a sweep waits before the next try, twice as long after each such sweep; one that
 * answered once is forgiven. Within a sweep, a failure stops further calls to it unless it also answered.
 */
export class EndpointBackoff {
  private readonly failedNow = new Map<string, { reason: string; afterMs: number }>();
  private readonly answeredNow = new Set<string>();

  constructor(private readonly previous: Readonly<Record<string, EndpointState>>, private readonly now: Date, private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** Why the endpoint is not to be called now; undefined when it may be. */
  blocked(endpoint: string): string | undefined {
    const failed = this.failedNow.get(endpoint);
    if (failed !== undefined && !this.answeredNow.has(endpoint)) return failed.reason;
    const before = this.previous[endpoint];
    if (before && Date.parse(before.retryAt) > this.now.getTime()) {
      return `${before.reason} (backed off after ${before.failures} failed sweep(s); next try after ${before.retryAt})`;
    }
    return undefined;
  }

  /** The endpoint did not answer; `afterMs` is the wait it asked for (an error's `retry: { afterMs }`), if any. */
  failed(endpoint: string, reason: string, afterMs = 0): void {
    const before = this.failedNow.get(endpoint);
    this.failedNow.set(endpoint, { reason: before?.reason ?? reason, afterMs: Math.max(before?.afterMs ?? 0, afterMs) });
  }

  answered(endpoint: string): void {
    this.answeredNow.add(endpoint);
  }

  /** The endpoints' state for the next sweep. */
  state(): Record<string, EndpointState> {
    const next: Record<string, EndpointState> = { ...this.previous };
    for (const endpoint of this.answeredNow) delete next[endpoint];
    for (const [endpoint, { reason, afterMs }] of this.failedNow) {
      if (this.answeredNow.has(endpoint)) continue;
      const failures = (this.previous[endpoint]?.failures ?? 0) + 1;
      // No jitter: one sweep at a time decides. The endpoint's own Retry-After, when longer, up to the same maximum.
      const doubling = backoffMs(failures, this.options, () => 0.5);
      const wait = Math.min(Math.max(doubling, afterMs), this.options.maxMs);
      next[endpoint] = { failures, retryAt: new Date(this.now.getTime() + wait).toISOString(), reason };
    }
    return next;
  }
}
