import { AdapterError } from "../../core/errors/adapter-error.ts";
import { retryForStatus } from "../../core/errors/retry-for-status.ts";
import type { HttpRequest, HttpResponse, HttpTransport } from "../http/http-transport.ts";
import { retryAfterMs } from "../http/retry-after.ts";

/**
 * Sends one request to a notification provider and hands back the answer when it is a success; any other
 * status becomes an AdapterError on endpoint `notify:<provider>` that says whether to retry and when.
 * The URL never appears in the message: Slack's and Teams' URLs are the secret.
 */
export async function notifyHttp(http: HttpTransport, provider: string, request: HttpRequest, now: number = Date.now()): Promise<HttpResponse> {
  const res = await http(request).catch((error: unknown) => {
    throw new AdapterError(`${provider}: no answer`, { endpoint: `notify:${provider}`, retry: "later", cause: error });
  });
  if (res.status >= 200 && res.status < 300) return res;
  const body = (await res.text()).slice(0, 300);
  const wait = retryAfterMs(res.header("retry-after"), now);
  throw new AdapterError(`${provider}: ${request.method} answered ${res.status}: ${body}`, { endpoint: `notify:${provider}`, retry: retryForStatus(res.status, wait) });
}

export const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "user-agent": "sluice" } as const;
