import { Agent, request, type RequestOptions } from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";
import { KubeApiError } from "./kube-api-error.ts";

export interface KubeRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
}

/** Sends one request to the API server; resolves with the parsed JSON body of a 2xx answer, throws KubeApiError otherwise. */
export type KubeTransport = (req: KubeRequest) => Promise<unknown>;

// Auth headers are re-read this often, so exec-plugin and file tokens that rotate are picked up.
const AUTH_TTL_MS = 30_000;

/**
 * JSON over HTTPS to the kubeconfig's current cluster, on kept-alive connections. client-node's
 * generated clients open a new TLS connection per request and pass bodies through typed models
 * that drop fields they do not know; Sluice needs neither.
 */
export async function kubeTransport(kc: KubeConfig, options: { maxSockets?: number; timeoutMs?: number } = {}): Promise<KubeTransport> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("the kubeconfig has no current cluster");
  const server = new URL(cluster.server);
  if (server.protocol !== "https:") throw new Error(`cluster ${cluster.name}: only https API servers are supported, not ${server.protocol}`);
  const tls: RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.maxSockets ?? 16,
    ca: tls.ca, cert: tls.cert, key: tls.key, pfx: tls.pfx, passphrase: tls.passphrase,
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    ...(cluster.tlsServerName ? { servername: cluster.tlsServerName } : {}),
  });
  let auth = { headers: headersOf(tls), at: Date.now() };
  const authHeaders = async (refresh: boolean): Promise<Record<string, string>> => {
    if (refresh || Date.now() - auth.at > AUTH_TTL_MS) {
      const fresh: RequestOptions = {};
      await kc.applyToHTTPSOptions(fresh);
      auth = { headers: headersOf(fresh), at: Date.now() };
    }
    return auth.headers;
  };
  const base = server.pathname.replace(/\/$/, "");

  const send = async (req: KubeRequest, refresh: boolean): Promise<unknown> => {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) query.set(k, v);
    const qs = query.size ? `?${query.toString()}` : "";
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: Record<string, string> = { accept: "application/json", ...await authHeaders(refresh) };
    if (body) {
      headers["content-type"] = req.contentType ?? "application/json";
      headers["content-length"] = String(body.length);
    }
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const r = request({ agent, host: server.hostname, port: server.port || 443, method: req.method, path: `${base}${req.path}${qs}`, headers, timeout: options.timeoutMs ?? 30_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      });
      r.on("timeout", () => r.destroy(new Error(`${req.method} ${req.path} timed out`)));
      r.on("error", reject);
      r.end(body);
    });
    if (status === 401 && !refresh) return send(req, true);
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        if (status >= 200 && status < 300) throw new KubeApiError(status, `${req.method} ${req.path}: answer is not JSON`, { cause: error });
        parsed = text;
      }
    }
    if (status >= 200 && status < 300) return parsed;
    throw KubeApiError.fromStatus(status, parsed, `${req.method} ${req.path}`);
  };
  return (req) => send(req, false);
}

function headersOf(options: RequestOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (typeof v === "string" || typeof v === "number") out[k.toLowerCase()] = String(v);
  }
  if (typeof options.auth === "string") out["authorization"] = `Basic ${Buffer.from(options.auth).toString("base64")}`;
  return out;
}
