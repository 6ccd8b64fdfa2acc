import { retryOf } from "../../core/errors/retry-of.ts";

/**
 * True when an error says the endpoint itself is not answering (network, timeout, 5xx, 429,
 * a spent request budget): its adapter said it may be retried, so the endpoint is backed off.
 * False when it answered and refused one thing (a repository or branch it does not have,
 * credentials it will not take), which is the app's, and for an error no adapter classified.
 */
export function isEndpointFailure(error: unknown): boolean {
  return retryOf(error, "never") !== "never";
}

/** An error's message, for a reason line. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
