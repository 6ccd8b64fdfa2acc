import { AdapterError } from "../../core/errors/adapter-error.ts";
import { retryForStatus } from "../../core/errors/retry-for-status.ts";
import type { Retry } from "../../core/errors/retry.ts";

interface GitErrorOptions {
  readonly cause?: unknown;
  /** The repository; the endpoint is `git:<its host>`. */
  readonly url?: string | undefined;
}

/** `git:github.com`, as the sweep keys git hosts; `git:<url>` for a URL that does not parse (an scp-like path). */
export function gitEndpoint(url: string | undefined): string {
  if (url === undefined) return "git";
  return URL.canParse(url) ? `git:${new URL(url).host}` : `git:${url}`;
}

/** A git remote failed or refused; `retry` says whether trying again may help. */
export class GitError extends AdapterError {
  constructor(message: string, retry: Retry, options: GitErrorOptions = {}) {
    super(message, { endpoint: gitEndpoint(options.url), retry, cause: options.cause });
    this.name = "GitError";
  }
}

/** The branch moved on the server since the clone: re-fetch, re-apply and push again. */
export class NonFastForwardError extends GitError {
  constructor(message: string, options?: GitErrorOptions) {
    super(message, "later", options);
    this.name = "NonFastForwardError";
  }
}

/** The server refused the push for a reason retrying will not fix (a hook, a protected branch, auth). */
export class PushRefusedError extends GitError {
  constructor(message: string, options?: GitErrorOptions) {
    super(message, "never", options);
    this.name = "PushRefusedError";
  }
}

/** The revision asked for is not in the branch's history. */
export class RevisionNotFoundError extends GitError {
  constructor(message: string, options?: GitErrorOptions) {
    super(message, "never", options);
    this.name = "RevisionNotFoundError";
  }
}

/**
 * Classifies what isomorphic-git threw for `url`: an HTTP status from the git host becomes a
 * GitError (5xx and 429 pass, a refusal does not); anything else is returned as it is.
 */
export function classifyGitError(error: unknown, url: string): unknown {
  if (error instanceof AdapterError) return error;
  const status = httpStatusOf(error);
  if (status === undefined) return error;
  const message = error instanceof Error ? error.message : `HTTP ${status}`;
  return new GitError(message, retryForStatus(status), { url, cause: error });
}

/** The HTTP status isomorphic-git's HttpError carries in `data.statusCode`. */
function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = error.data;
  return typeof data === "object" && data !== null && "statusCode" in data && typeof data.statusCode === "number" ? data.statusCode : undefined;
}
