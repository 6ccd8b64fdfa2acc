import { AdapterError } from "../../core/errors/adapter-error.ts";
import type { Retry } from "../../core/errors/retry.ts";

/** A chart that could not be found, listed or fetched; `endpoint` is `charts:<host>`. */
export class ChartError extends AdapterError {
  constructor(message: string, options: { repo: string; retry: Retry; cause?: unknown }) {
    super(message, { endpoint: `charts:${hostOf(options.repo)}`, retry: options.retry, cause: options.cause });
    this.name = "ChartError";
  }
}

function hostOf(repo: string): string {
  return /^[a-z]+:\/\/([^/]+)/i.exec(repo)?.[1] ?? repo;
}
