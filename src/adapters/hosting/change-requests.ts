import { AdapterError } from "../../core/errors/adapter-error.ts";
import type { Retry } from "../../core/errors/retry.ts";

/** A pull request (GitHub) or merge request (GitLab) to open. */
export interface ChangeRequest {
  readonly title: string;
  readonly body: string;
  /** The branch holding the change. */
  readonly head: string;
  /** The branch to merge it into. */
  readonly base: string;
}

export interface OpenedChangeRequest {
  readonly url: string;
  readonly number: number;
  /** It was open already (a retried job): nothing new was opened. */
  readonly existed: boolean;
}

/** Opens change requests on one repository of a git host. */
export interface ChangeRequests {
  open(request: ChangeRequest): Promise<OpenedChangeRequest>;
}

/** The git host refused or failed; retrying later may help after a 429, a 5xx or no answer. */
export class ChangeRequestError extends AdapterError {
  constructor(message: string, options: { endpoint: string; retry: Retry; cause?: unknown }) {
    super(message, options);
    this.name = "ChangeRequestError";
  }

  /** Retrying later may help. */
  get transient(): boolean {
    return this.retry !== "never";
  }
}
