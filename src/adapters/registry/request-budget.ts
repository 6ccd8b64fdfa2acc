import { RegistryTransientError } from "./registry-errors.ts";

export interface BudgetClock {
  /** Milliseconds on a monotonic-enough clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * A token bucket per registry: `requests` per `perSeconds`, spent one per HTTP request.
 * A request waits for its token when that is a short wait; otherwise the job is failed as
 * transient so the queue retries it later, rather than spending a rate limit it would hit.
 * A 429's Retry-After closes the bucket until then for every job in this process.
 */
export class RequestBudget {
  private tokens: number;
  private updated: number;
  private closedUntil = 0;

  constructor(
    private readonly host: string,
    private readonly requests: number,
    private readonly perSeconds: number,
    private readonly clock: BudgetClock,
    /** The longest a request waits for a token before the job is retried later instead. */
    private readonly maxWaitMs = 5_000,
  ) {
    this.tokens = requests;
    this.updated = clock.now();
  }

  /** Takes one request's token, waiting briefly if need be; throws RegistryTransientError when the wait would be long. */
  async take(): Promise<void> {
    for (;;) {
      const wait = this.waitFor();
      if (wait <= 0) {
        this.tokens -= 1;
        return;
      }
      if (wait > this.maxWaitMs) {
        const closed = this.closedUntil > this.clock.now();
        throw new RegistryTransientError(
          closed
            ? `${this.host} asked us to wait ${Math.ceil(wait / 1000)} s (Retry-After)`
            : `the request budget for ${this.host} (${this.requests} per ${this.perSeconds} s) is spent; next request in ${Math.ceil(wait / 1000)} s`,
          { host: this.host, retryAfterMs: wait },
        );
      }
      await this.clock.sleep(wait);
    }
  }

  /** Holds every request to this registry until `ms` from now (a 429's Retry-After). */
  closeFor(ms: number): void {
    this.closedUntil = Math.max(this.closedUntil, this.clock.now() + ms);
  }

  /** Milliseconds until a token is free; 0 when one is free now. */
  private waitFor(): number {
    const now = this.clock.now();
    const rate = this.requests / (this.perSeconds * 1000);
    this.tokens = Math.min(this.requests, this.tokens + (now - this.updated) * rate);
    this.updated = now;
    const closed = Math.max(0, this.closedUntil - now);
    const refill = this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / rate);
    return Math.max(closed, refill);
  }
}
