import type { ConnectionOptions } from "node:tls";
import { Agent, fetch } from "undici";
import type { HttpResponse, HttpTransport } from "./http-transport.ts";
import { NoAnswerError } from "./no-answer-error.ts";

/** TLS for one server: its CA and a client certificate, as a kubeconfig gives them. */
export type TransportTls = Pick<ConnectionOptions, "ca" | "cert" | "key" | "pfx" | "passphrase" | "rejectUnauthorized" | "servername">;

export interface TransportOptions {
  /** Per request, from sending to the last byte of the answer. */
  readonly timeoutMs?: number;
  /** Follow redirects (dropping Authorization across origins, as fetch does), or hand them back. */
  readonly redirect?: "follow" | "manual";
  /** Connections kept alive per origin. */
  readonly connections?: number;
  readonly tls?: TransportTls;
  /** What a request that got no answer names as its endpoint; the URL's host when not given. */
  readonly endpoint?: string;
}

/**
 * The one real HTTP transport: undici (Node's own client) on a kept-alive connection pool.
 * Redirects followed go through undici's fetch; the rest through its leaner `request`.
 */
export function undiciTransport(options: TransportOptions = {}): HttpTransport {
  const agent = new Agent({ connections: options.connections ?? 16, ...(options.tls ? { connect: { ...options.tls } } : {}) });
  const timeoutMs = options.timeoutMs ?? 15_000;
  if (options.redirect === "follow") {
    return async (req) => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const res = await fetch(req.url, { method: req.method, headers: req.headers, body: req.body ?? null, redirect: "follow", signal, dispatcher: agent });
        const text = (): Promise<string> => res.text().catch((error: unknown) => Promise.reject(new NoAnswerError(req.method, req.url, error, options.endpoint)));
        return { status: res.status, url: res.url || req.url, header: (name) => res.headers.get(name) ?? undefined, text };
      } catch (error) {
        throw new NoAnswerError(req.method, req.url, error, options.endpoint);
      }
    };
  }
  return async (req): Promise<HttpResponse> => {
    const url = new URL(req.url);
    try {
      const res = await agent.request({
        origin: url.origin, path: `${url.pathname}${url.search}`, method: req.method, headers: req.headers,
        body: req.body ?? null, signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await res.body.text();
      const header = (name: string): string | undefined => {
        const value = res.headers[name.toLowerCase()];
        return Array.isArray(value) ? value.join(", ") : value;
      };
      return { status: res.statusCode, url: req.url, header, text: () => Promise.resolve(body) };
    } catch (error) {
      throw new NoAnswerError(req.method, req.url, error, options.endpoint);
    }
  };
}
