import type { z } from "zod";
import { ChangeRequestError } from "./change-requests.ts";
import type { HostingHttp, HostingRequest, HostingResponse } from "./hosting-http.ts";

/** Sends a request to a git host's API; a network failure is a transient ChangeRequestError. */
export async function hostingSend(http: HostingHttp, request: HostingRequest, what: string): Promise<{ status: number; body: string }> {
  let res: HostingResponse;
  try {
    res = await http(request);
  } catch (error) {
    throw new ChangeRequestError(`${what}: ${error instanceof Error ? error.message : String(error)}`, { transient: true, cause: error });
  }
  return { status: res.status, body: await res.text() };
}

/** Parses a 2xx answer with `schema`; any other status is an error naming the host's own message. */
export function hostingJson<T>(res: { status: number; body: string }, schema: z.ZodType<T>, what: string): T {
  if (res.status < 200 || res.status >= 300) {
    throw new ChangeRequestError(`${what}: ${res.status} ${res.body.slice(0, 300)}`, { transient: res.status === 429 || res.status >= 500 });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(res.body);
  } catch (error) {
    throw new ChangeRequestError(`${what}: the answer is not JSON`, { transient: false, cause: error });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ChangeRequestError(`${what}: unexpected answer: ${parsed.error.message}`, { transient: false, cause: parsed.error });
  return parsed.data;
}
