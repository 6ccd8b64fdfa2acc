import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";

/**
 * A push the server refuses (a hook, a protected branch, no write access) fails the job for
 * good with the server's own words: retrying cannot change the server's mind. A race lost
 * too many times stays transient, for the queue to retry later.
 */
export async function refusedPushIsPermanent<T>(app: string, pushed: Promise<T>): Promise<T> {
  try {
    return await pushed;
  } catch (error) {
    if (retryOf(error) === "never" && error instanceof Error) throw new PermanentJobError(`${app}: ${error.message}`, { cause: error });
    throw error;
  }
}
