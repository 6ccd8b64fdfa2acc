import type { Retry } from "./retry.ts";

/** A job that retrying cannot fix (unknown app, a refused write, a push a hook rejects): reported, not retried. */
export class PermanentJobError extends Error {
  readonly retry: Retry = "never";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}
