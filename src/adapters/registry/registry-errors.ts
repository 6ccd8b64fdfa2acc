/** A registry answered 429 or 5xx, could not be reached, or the request budget is spent: retry the job later. */
export class RegistryTransientError extends Error {
  /** How long the registry asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: { retryAfterMs?: number | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RegistryTransientError";
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** The registry refused for a reason retrying will not fix (401, 403, 404, a malformed answer): the message is the registry's own. */
export class RegistryPermanentError extends Error {
  /** The HTTP status, when the refusal was one. */
  readonly status: number | undefined;

  constructor(message: string, options: { status?: number | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RegistryPermanentError";
    this.status = options.status;
  }
}
