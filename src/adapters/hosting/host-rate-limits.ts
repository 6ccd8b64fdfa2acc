import type { HttpResponse } from "../http/http-transport.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import { ChangeRequestError } from "./change-requests.ts";

/**
 * What each git host's API said about its rate limit, kept per host for the life of the process: once
 * a host says it is spent (429, a 403 with no requests remaining, or a last request used up), nothing
 * is sent to it until the time it named, so a limited API is asked again later and never hammered.
 * Reads GitHub's and Gitea's `X-RateLimit-*`, GitLab's `RateLimit-*`, and `Retry-After`.
 */
export class HostRateLimits {
  private readonly until = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Throws, without sending anything, while the host's limit is spent. */
  check(endpoint: string, what: string): void {
    const until = this.until.get(endpoint);
    const left = until === undefined ? 0 : until - this.now();
    if (left > 0) {
      throw new ChangeRequestError(`${what}: ${endpoint} is rate limited for ${Math.ceil(left / 1000)} s more; not asked`, { endpoint, retry: { afterMs: left } });
    }
    this.until.delete(endpoint);
  }

  /** Reads the answer's limit headers; when it was refused for the limit, how long to wait. */
  observe(endpoint: string, res: HttpResponse): number | undefined {
    const remaining = res.header("x-ratelimit-remaining") ?? res.header("ratelimit-remaining");
    const spent = remaining !== undefined && Number(remaining) <= 0;
    const refused = res.status === 429 || (res.status === 403 && (spent || res.header("retry-after") !== undefined));
    if (!refused && !spent) return undefined;
    const wait = this.waitMs(res);
    this.until.set(endpoint, this.now() + wait);
    return refused ? wait : undefined;
  }

  private waitMs(res: HttpResponse): number {
    const after = retryAfterMs(res.header("retry-after"), this.now());
    if (after !== undefined) return after;
    const reset = Number(res.header("x-ratelimit-reset") ?? res.header("ratelimit-reset"));
    // Both name the reset as UTC epoch seconds; without either, a minute, as GitHub advises for secondary limits.
    return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - this.now()) : 60_000;
  }
}
