import type { Retry } from "./retry.ts";

// Node's own words for a request that got no answer; a library that lets one through unwrapped still said it.
const NO_ANSWER = new Set([
  "ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ECONNABORTED",
  "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
]);

/**
 * The one answer to "retry?": the `retry` an adapter (or a job, for PermanentJobError) put on the
 * error or on the error it wraps; "later" for Node's network errors. An error nobody classified
 * gets `unclassified`: "later" for a job (the queue's retries and dead-letter queue catch the
 * unexpected), "never" where a failure must not be blamed on an endpoint that did not say it failed.
 */
export function retryOf(error: unknown, unclassified: Retry = "later"): Retry {
  const chain = causes(error);
  for (const e of chain) if ("retry" in e && isRetry(e.retry)) return e.retry;
  for (const e of chain) if ("code" in e && typeof e.code === "string" && NO_ANSWER.has(e.code)) return "later";
  return unclassified;
}

/** The wait the endpoint asked for, when it named one. */
export function retryAfterMsOf(error: unknown): number | undefined {
  const retry = retryOf(error);
  return typeof retry === "object" ? retry.afterMs : undefined;
}

function isRetry(value: unknown): value is Retry {
  if (value === "never" || value === "later") return true;
  return typeof value === "object" && value !== null && "afterMs" in value && typeof value.afterMs === "number";
}

/** The error and what it wraps, outermost first, a few deep. */
function causes(error: unknown): object[] {
  const chain: object[] = [];
  for (let e: unknown = error; typeof e === "object" && e !== null && chain.length < 5; e = "cause" in e ? e.cause : undefined) chain.push(e);
  return chain;
}
