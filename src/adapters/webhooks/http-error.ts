/** A request intake refuses, with the HTTP status to answer and a reason safe to show the sender. */
export class HttpError extends Error {
  constructor(readonly status: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "HttpError";
  }
}
