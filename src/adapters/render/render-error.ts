import { AdapterError } from "../../core/errors/adapter-error.ts";
import type { Retry } from "../../core/errors/retry.ts";

/**
 * Rendering failed: a renderer's error, a malformed document (named by file and line), a timeout.
 * A document or a path of the revision is what it is, so `never`; a renderer may have failed on
 * what it fetched or on time, so `later`.
 */
export class RenderError extends AdapterError {
  constructor(message: string, options: { retry: Retry; cause?: unknown }) {
    super(message, { endpoint: "render", ...options });
    this.name = "RenderError";
  }
}

// What a renderer says when what it fetched, not the revision, failed: worth another try.
const PASSING = /timed out|connection (refused|reset)|no such host|i\/o timeout|tls handshake|unexpected eof|dial tcp|temporarily|too many requests|\b(429|502|503|504)\b|failed to fetch|could not download/i;

/**
 * Whether a renderer's failure is the revision's (a template or kustomization error: the same
 * every time, so never) or may pass (a timeout, a network failure, a tool missing: later).
 */
export function commandRetry(error: { message: string; stderr: string; cause?: unknown }): Retry {
  const cause = error.cause;
  if (typeof cause === "object" && cause !== null) {
    if ("killed" in cause && cause.killed === true) return "later";
    // ENOENT, EACCES: the tool is missing from this runtime, not the revision broken.
    if ("code" in cause && typeof cause.code === "string") return "later";
  }
  return PASSING.test(`${error.message}\n${error.stderr}`) ? "later" : "never";
}
