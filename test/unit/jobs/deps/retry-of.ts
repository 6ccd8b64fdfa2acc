import { PermanentJobError } from "../../../../src/core/errors/permanent-job-error.ts";

/**
 * Whether the worker's boundary would retry a job that failed with `error`, read the way
 * it reads it: "never" drops the job with its reason, "later" hands it back to the queue.
 * The one place these tests spell the error taxonomy, so they follow it when it changes.
 */
export function retryOf(error: unknown): "never" | "later" {
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 5; depth++) {
    if (e instanceof PermanentJobError) return "never";
    if ("retry" in e && e.retry !== undefined) return e.retry === "never" ? "never" : "later";
    e = "cause" in e ? e.cause : undefined;
  }
  return "later";
}

/** The error a promise rejects with; fails the test when it resolves. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const result = await promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  if (!("error" in result)) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  if (!(result.error instanceof Error)) throw new Error(`expected an Error, got ${String(result.error)}`);
  return result.error;
}
