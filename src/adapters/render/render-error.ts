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
