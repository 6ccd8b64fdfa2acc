import type { Retry } from "../errors/retry.ts";

/** An endpoint that did not answer in time: it may answer later. */
export class SweepTimeoutError extends Error {
  readonly retry: Retry = "later";

  constructor(message: string) {
    super(message);
    this.name = "SweepTimeoutError";
  }
}

/**
 * The promise, or a SweepTimeoutError after `ms`: a host that accepts connections and never
 * answers must cost the sweep one timeout, not its whole run. The call itself is left to finish.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SweepTimeoutError(`${what} did not answer in ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
