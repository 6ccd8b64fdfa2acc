import type { Retry } from "./retry.ts";

/**
 * A failure of a call to the outside world, classified once, by the adapter that made it:
 * which endpoint (`registry:ghcr.io`, `cluster:prod`, `git:github.com`, `api.github.com`) and
 * whether retrying may help. Everything downstream reads these two fields, never the cause.
 */
export class AdapterError extends Error {
  readonly endpoint: string;
  readonly retry: Retry;

  constructor(message: string, options: { endpoint: string; retry: Retry; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AdapterError";
    this.endpoint = options.endpoint;
    this.retry = options.retry;
  }
}
