/** One JSON request to a git host's REST API (GitHub, GitLab). */
export interface HostingRequest {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HostingResponse {
  readonly status: number;
  text(): Promise<string>;
}

/** The pull-request clients' one side effect. Throws only when no answer arrived. */
export type HostingHttp = (request: HostingRequest) => Promise<HostingResponse>;

/** The real transport: fetch with a timeout. */
export function fetchHostingHttp(timeoutMs = 15_000): HostingHttp {
  return async (request) => {
    const res = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }), signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, text: () => res.text() };
  };
}
