/** One request to a registry or its token server. */
export interface RegistryRequest {
  readonly method: "GET" | "HEAD";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export interface RegistryResponse {
  readonly status: number;
  /** The final URL after redirects (blob downloads are redirected to storage). */
  readonly url: string;
  header(name: string): string | undefined;
  text(): Promise<string>;
}

/** The registry client's one side effect: an HTTP exchange. Throws only when no answer arrived. */
export type RegistryHttp = (request: RegistryRequest) => Promise<RegistryResponse>;

/** The real transport: fetch, following redirects (which drops Authorization across origins), with a timeout. */
export function fetchRegistryHttp(timeoutMs = 15_000): RegistryHttp {
  return async (request) => {
    const res = await fetch(request.url, { method: request.method, headers: request.headers, redirect: "follow", signal: AbortSignal.timeout(timeoutMs) });
    return {
      status: res.status,
      url: res.url || request.url,
      header: (name) => res.headers.get(name) ?? undefined,
      text: () => res.text(),
    };
  };
}
