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

/** The git host refused or failed; `transient` when retrying later may help (429, 5xx, no answer). */
export class ChangeRequestError extends Error {
  readonly transient: boolean;

  constructor(message: string, options: { transient: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "ChangeRequestError";
    this.transient = options.transient;
  }
}
