/** The branch moved on the server since the clone: re-fetch, re-apply and push again. */
export class NonFastForwardError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NonFastForwardError";
  }
}

/** The server refused the push for a reason retrying will not fix (a hook, a protected branch, auth). */
export class PushRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PushRefusedError";
  }
}

/** The revision asked for is not in the branch's history. */
export class RevisionNotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RevisionNotFoundError";
  }
}
