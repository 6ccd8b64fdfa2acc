import { KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import { RegistryPermanentError, RegistryTransientError } from "../../adapters/registry/registry-errors.ts";
import { SweepTimeoutError } from "../../core/util/with-timeout.ts";

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "ECONNABORTED", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_SOCKET"]);

/**
 * True when an error says the endpoint itself is not answering (network, timeout, 5xx, 429,
 * a spent request budget), so it is backed off; false when it answered and refused one thing
 * (a repository or branch it does not have, credentials it will not take), which is the app's.
 */
export function isEndpointFailure(error: unknown): boolean {
  if (error instanceof SweepTimeoutError || error instanceof RegistryTransientError) return true;
  if (error instanceof RegistryPermanentError) return false;
  if (error instanceof KubeApiError) return error.status >= 500 || error.status === 429;
  const status = httpStatusOf(error);
  if (status !== undefined) return status >= 500 || status === 429;
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; e = causeOf(e), depth++) {
    if (typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
  }
  return false;
}

/** The HTTP status isomorphic-git's HttpError carries in `data.statusCode`. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = error.data;
  return typeof data === "object" && data !== null && "statusCode" in data && typeof data.statusCode === "number" ? data.statusCode : undefined;
}

function causeOf(error: unknown): unknown {
  return typeof error === "object" && error !== null && "cause" in error ? error.cause : undefined;
}

/** An error's message, for a reason line. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
