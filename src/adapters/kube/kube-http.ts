import type { RequestOptions } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import type { HttpResponse } from "../http/http-transport.ts";
import { retryAfterMs } from "../http/retry-after.ts";
import { sendWithRetry, type RetryPolicy } from "../http/send-with-retry.ts";
import { undiciTransport } from "../http/undici-transport.ts";
import { KubeApiError } from "./kube-api-error.ts";
import { flowGate } from "./flow-gate.ts";

export interface KubeRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
}

/** Sends one request to the API server; resolves with the parsed JSON body of a 2xx answer, throws KubeApiError otherwise. */
export type KubeTransport = (req: KubeRequest) => Promise<unknown>;

export interface KubeTransportOptions {
  /** Connections, and requests in flight at most (fewer while the server answers 429); 16 unless given. */
  maxSockets?: number;
  timeoutMs?: number;
  /** How GET, PUT and DELETE are retried on no answer, 429 and 5xx; a real clock and three attempts unless given. */
  retry?: Partial<RetryPolicy>;
}

// Auth headers are re-read this often, so exec-plugin and file tokens that rotate are picked up.
const AUTH_TTL_MS = 30_000;

/**
 * JSON over HTTPS to the kubeconfig's current cluster, through the shared HTTP layer on kept-alive
 * connections carrying the kubeconfig's CA and client certificate. client-node's generated clients
 * open a new TLS connection per request and pass bodies through typed models that drop fields they
 * do not know; Sluice needs neither. Errors name the endpoint `cluster:<name>`.
 */
export async function kubeTransport(kc: KubeConfig, options: KubeTransportOptions = {}): Promise<KubeTransport> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const server = new URL(cluster.server);
  if (server.protocol !== "https:") throw new Error(`cluster ${cluster.name}: only https API servers are supported, not ${server.protocol}`);
  const endpoint = `cluster:${cluster.name}`;
  const tls: RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const retry: RetryPolicy = { clock: { now: () => Date.now(), sleep }, maxAttempts: 3, ...options.retry };
  const connections = options.maxSockets ?? 16;
  // Within priority and fairness: as many in flight as there are connections, fewer after a 429.
  const transport = flowGate(undiciTransport({
    endpoint,
    timeoutMs: options.timeoutMs ?? 30_000,
    connections,
    tls: {
      ca: tls.ca, cert: tls.cert, key: tls.key, pfx: tls.pfx, passphrase: tls.passphrase,
      rejectUnauthorized: tls.rejectUnauthorized ?? true,
      ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
    },
  }), { max: connections, now: retry.clock.now, sleep: retry.clock.sleep });
  let auth = { headers: headersOf(tls), at: Date.now() };
  const authHeaders = async (refresh: boolean): Promise<Record<string, string>> => {
    if (refresh || Date.now() - auth.at > AUTH_TTL_MS) {
      const fresh: RequestOptions = {};
      await kc.applyToHTTPSOptions(fresh);
      auth = { headers: headersOf(fresh), at: Date.now() };
    }
    return auth.headers;
  };
  const base = `${server.origin}${server.pathname.replace(/\/$/, "")}`;

  const send = async (req: KubeRequest, refresh: boolean): Promise<unknown> => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, v);
    const qs = query.size ? `?${query.toString()}` : "";
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string> = { accept: "application/json", ...await authHeaders(refresh) };
    if (body) headers["content-type"] = req.contentType ?? "application/json";
    const res = await sendWithRetry(transport, { method: req.method, url: `${base}${req.path}${qs}`, headers, body }, retry);
    if (res.status === 401 && !refresh) return send(req, true);
    return answerOf(res, `${req.method} ${req.path}`, endpoint, retry.clock.now());
  };
  return (req) => send(req, false);
}

/** The parsed JSON of a 2xx answer; otherwise the API server's Status as a KubeApiError. */
async function answerOf(res: HttpResponse, what: string, endpoint: string, now: number): Promise<unknown> {
  const text = await res.text();
  const ok = res.status >= 200 && res.status < 300;
  let parsed: unknown = undefined;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (ok) throw new KubeApiError(res.status, `${what}: answer is not JSON`, { endpoint, cause: error });
      parsed = text;
    }
  }
  if (ok) return parsed;
  throw KubeApiError.fromStatus(res.status, parsed, what, { endpoint, retryAfterMs: retryAfterMs(res.header("retry-after"), now) });
}

function headersOf(options: RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (typeof v === "string" || typeof v === "number") out[k.toLowerCase()] = String(v);
  }
  if (typeof options.auth === "string") out["authorization"] = `Basic ${Buffer.from(options.auth).toString("base64")}`;
  return out;
}
