import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { secretEquals } from "../../adapters/webhooks/secret-equals.ts";
import type { ApiRequest, ApiResponse } from "../../jobs/api/api-request.ts";
import { assetFor, SECURITY_HEADERS, type DashboardAssets } from "../dashboard/dashboard-assets.ts";
import type { Logger } from "../../core/log/logger.ts";

export interface DashboardServer {
  /** The page, without the token. */
  readonly url: string;
  /** Random per start: actions need it, reading does not. */
  readonly token: string;
  close(): Promise<void>;
}

const BODY_LIMIT = 64 * 1024;

/**
 * Serves the dashboard on 127.0.0.1: the page, its assets and the JSON API. Actions (POST) need the
 * token printed at start as `Authorization: Bearer`, a JSON body and a same-origin request: a page
 * of another site can neither set that header nor read the token, and a rebinding DNS name fails
 * the Host check.
 */
export async function startDashboardServer(api: (request: ApiRequest) => Promise<ApiResponse>, assets: DashboardAssets, options: { port?: number; logger: Logger }): Promise<DashboardServer> {
  const token = randomBytes(24).toString("base64url");
  let origin = "";
  const server: Server = createServer((req, res) => {
    void serve(req, res, { api, assets, token, origin }).catch((error: unknown) => {
      options.logger.error("dashboard server error", { error: error instanceof Error ? error.message : String(error) });
      send(res, 500, { error: "internal error" });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/`,
    token,
    close: () => new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    }),
  };
}

interface Context { api: (request: ApiRequest) => Promise<ApiResponse>; assets: DashboardAssets; token: string; origin: string }

async function serve(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const url = new URL(req.url ?? "/", ctx.origin);
  const host = req.headers.host ?? "";
  if (host !== new URL(ctx.origin).host && host !== `localhost:${new URL(ctx.origin).port}`) return send(res, 421, { error: `not served for host ${host}` });
  if (!url.pathname.startsWith("/api/")) {
    const asset = req.method === "GET" ? assetFor(ctx.assets, url.pathname) : undefined;
    if (!asset) return send(res, 404, { error: `no page ${url.pathname}` });
    res.writeHead(200, { ...SECURITY_HEADERS, "content-type": asset.type, "cache-control": "no-cache" });
    res.end(asset.body);
    return;
  }
  const body = req.method === "POST" ? await readBody(req) : "";
  if (body === undefined) return send(res, 413, { error: `body over ${BODY_LIMIT} bytes` });
  const refusal = req.method === "POST" ? actionRefusal(req, ctx) : undefined;
  if (refusal && refusal.status !== 401) return send(res, refusal.status, { error: refusal.error });
  const query = Object.fromEntries(url.searchParams);
  const answer = await ctx.api({ method: req.method ?? "GET", path: url.pathname, query, body, mayAct: refusal === undefined, via: "dashboard" });
  send(res, answer.status, answer.status === 401 && refusal ? { error: refusal.error } : answer.body);
}

/** Why a POST may not act: no or a wrong token (401), or not a same-origin JSON request (403, 415). */
function actionRefusal(req: IncomingMessage, ctx: Context): { status: number; error: string } | undefined {
  const site = req.headers["sec-fetch-site"];
  if ((req.headers.origin !== undefined && req.headers.origin !== ctx.origin) || (site !== undefined && site !== "same-origin" && site !== "none")) {
    return { status: 403, error: "actions are taken only from the dashboard's own origin" };
  }
  if (!(req.headers["content-type"] ?? "").startsWith("application/json")) return { status: 415, error: "actions take a JSON body" };
  const given = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
  if (!given || !secretEquals(given, [ctx.token])) return { status: 401, error: "actions need the dashboard token printed at start (Authorization: Bearer …)" };
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": "application/json", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > BODY_LIMIT ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
