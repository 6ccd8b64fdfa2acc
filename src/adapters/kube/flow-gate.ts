import type { HttpTransport } from "../http/http-transport.ts";
import { retryAfterMs } from "../http/retry-after.ts";

export interface FlowGateOptions {
  /** Requests in flight at most, and where the limit starts. */
  max: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

// A 429 without Retry-After holds new requests this long; the API server's own answer says 1 s.
const DEFAULT_PAUSE_MS = 1_000;

/**
 * Keeps an API server's requests within what its priority and fairness lets through: at most
 * `max` in flight; each 429 halves that and holds every new request until its Retry-After has
 * passed; then each `limit` answers in a row that are not 429 let one more in (additive increase,
 * multiplicative decrease, as TCP does), back up to `max`. No p-limit or p-queue release offers a
 * limit that a 429 can lower while requests wait, so this is its own small queue.
 */
export function flowGate(transport: HttpTransport, options: FlowGateOptions): HttpTransport & { limit(): number } {
  let limit = options.max;
  let inFlight = 0;
  let answered = 0;
  let pausedUntil = 0;
  let timer = false;
  const waiting: (() => void)[] = [];
  // Lets waiting requests in, first come first served, while there is room and no pause.
  const pump = (): void => {
    const pause = pausedUntil - options.now();
    if (pause > 0) {
      if (!timer) {
        timer = true;
        const until = pausedUntil;
        void options.sleep(pause).then(() => {
          timer = false;
          // Served, whatever a test's clock says; a 429 since has set a later pause of its own.
          if (pausedUntil === until) pausedUntil = 0;
          pump();
        });
      }
      return;
    }
    while (inFlight < limit && waiting.length > 0) {
      inFlight += 1;
      waiting.shift()?.();
    }
  };
  const gated: HttpTransport = async (request) => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      pump();
    });
    try {
      const response = await transport(request);
      if (response.status === 429) {
        limit = Math.max(1, Math.floor(limit / 2));
        answered = 0;
        pausedUntil = Math.max(pausedUntil, options.now() + (retryAfterMs(response.header("retry-after"), options.now()) ?? DEFAULT_PAUSE_MS));
      } else if (++answered >= limit && limit < options.max) {
        limit += 1;
        answered = 0;
      }
      return response;
    } finally {
      inFlight -= 1;
      pump();
    }
  };
  return Object.assign(gated, { limit: () => limit });
}
