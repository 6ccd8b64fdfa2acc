import { AdapterError } from "../../core/errors/adapter-error.ts";

/** A request that got no answer (refused or reset connection, DNS, TLS, timeout): worth retrying later. */
export class NoAnswerError extends AdapterError {
  /** `endpoint` defaults to the URL's host; a cluster's transport names it `cluster:<name>`. */
  constructor(method: string, url: string, cause: unknown, endpoint: string = new URL(url).host) {
    super(`${method} ${url}: ${describe(cause)}`, { endpoint, retry: "later", cause });
    this.name = "NoAnswerError";
  }
}

/** undici says "fetch failed" and keeps the reason (ECONNREFUSED …) in `cause`. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
