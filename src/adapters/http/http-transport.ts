/** One outbound HTTP request: to a registry, a git host's API, an API server. */
export interface HttpRequest {
  readonly method: "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer | undefined;
}

export interface HttpResponse {
  readonly status: number;
  /** The final URL after redirects (registry blob downloads are redirected to storage). */
  readonly url: string;
  header(name: string): string | undefined;
  text(): Promise<string>;
}

/** One HTTP exchange. Resolves with any status; rejects (with NoAnswerError) only when no answer arrived. */
export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;
