import { AdapterError } from "../../core/errors/adapter-error.ts";

interface RegistryErrorOptions {
  /** The registry as image names spell it; the endpoint is `registry:<host>`. */
  readonly host?: string | undefined;
  readonly cause?: unknown;
}

const endpointOf = (host: string | undefined): string => `registry:${host ?? "unknown"}`;

/** A registry answered 429 or 5xx, could not be reached, or the request budget is spent: retry the job later. */
export class RegistryTransientError extends AdapterError {
  constructor(message: string, options: RegistryErrorOptions & { retryAfterMs?: number | undefined } = {}) {
    const retry = options.retryAfterMs === undefined ? "later" : { afterMs: options.retryAfterMs };
    super(message, { endpoint: endpointOf(options.host), retry, cause: options.cause });
    this.name = "RegistryTransientError";
  }

  /** How long the registry asked us to wait (Retry-After), when it said. */
  get retryAfterMs(): number | undefined {
    return typeof this.retry === "object" ? this.retry.afterMs : undefined;
  }
}

/** The registry refused for a reason retrying will not fix (401, 403, 404, a malformed answer): the message is the registry's own. */
export class RegistryPermanentError extends AdapterError {
  /** The HTTP status, when the refusal was one. */
  readonly status: number | undefined;

  constructor(message: string, options: RegistryErrorOptions & { status?: number | undefined } = {}) {
    super(message, { endpoint: endpointOf(options.host), retry: "never", cause: options.cause });
    this.name = "RegistryPermanentError";
    this.status = options.status;
  }
}
