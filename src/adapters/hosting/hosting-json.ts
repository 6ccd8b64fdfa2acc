import type { z } from "zod";
import { retryForStatus } from "../../core/errors/retry-for-status.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import type { HttpRequest, HttpResponse, HttpTransport } from "../http/http-transport.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import { ChangeRequestError } from "./change-requests.ts";

/** A git host's answer, read whole, with what the error taxonomy needs to classify it. */
export interface HostingAnswer {
  readonly status: number;
  readonly body: string;
  /** The API's host: `api.github.com`, `gitlab.example.com`. */
  readonly endpoint: string;
  readonly retryAfterMs: number | undefined;
}

/** Sends a request to a git host's API; no answer is a ChangeRequestError that may be retried. */
export async function hostingSend(http: HttpTransport, request: HttpRequest, what: string): Promise<HostingAnswer> {
  const endpoint = new URL(request.url).host;
  let res: HttpResponse;
  try {
    res = await http(request);
  } catch (error) {
    const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
    throw new ChangeRequestError(message, { endpoint, retry: retryOf(error), cause: error });
  }
  return { status: res.status, body: await res.text(), endpoint, retryAfterMs: retryAfterMs(res.header("retry-after"), Date.now()) };
}

/** Parses a 2xx answer with `schema`; any other status is an error naming the host's own message. */
export function hostingJson<T>(res: HostingAnswer, schema: z.ZodType<T>, what: string): T {
  const { endpoint } = res;
  if (res.status < 200 || res.status >= 300) {
    const retry = retryForStatus(res.status, res.retryAfterMs);
    throw new ChangeRequestError(`${what}: ${res.status} ${res.body.slice(0, 300)}`, { endpoint, retry });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(res.body);
  } catch (error) {
    throw new ChangeRequestError(`${what}: the answer is not JSON`, { endpoint, retry: "never", cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ChangeRequestError(`${what}: unexpected answer: ${parsed.error.message}`, { endpoint, retry: "never", cause: parsed.error });
  }
  return parsed.data;
}
