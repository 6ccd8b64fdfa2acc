import { ApiException } from "@kubernetes/client-node";

/** The API server's own message for a failed request, or the error's message. */
export function kubeErrorMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    if (typeof body === "string") {
      try {
        const status: unknown = JSON.parse(body);
        if (status && typeof status === "object" && "message" in status && typeof status.message === "string") return `${error.code}: ${status.message}`;
      } catch (parseError) {
        return `${error.code}: ${body.slice(0, 300) || (parseError as Error).message}`;
      }
    }
    return `${error.code}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** True when the API server answered 404. */
export const isNotFound = (error: unknown): boolean => error instanceof ApiException && error.code === 404;
