import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { ApiDeps } from "../../jobs/api/api-deps.ts";
import { apiHandler } from "../../jobs/api/handle-api.ts";
import type { ApiRequest, ApiResponse } from "../../jobs/api/api-request.ts";
import { assetFor, SECURITY_HEADERS, type DashboardAssets } from "../dashboard/dashboard-assets.ts";
import { readDashboardEnv } from "./dashboard-env.ts";
import { actionRefusal, callerOf, dashboardEventSchema } from "./dashboard-caller.ts";
import { inlinePage } from "./dashboard-page.ts";

/** Where the stack routes the dashboard: `/dashboard/index.html`, `/dashboard/assets/…`, `/dashboard/api/…`. */
export const DASHBOARD_PREFIX = "/dashboard";
export interface HttpResult { statusCode: number; headers: Record<string, string>; body: string }

const json = (statusCode: number, body: unknown): HttpResult => ({
  statusCode, headers: { ...SECURITY_HEADERS, "content-type": "application/json", "cache-control": "no-store" }, body: JSON.stringify(body),
});

/**
 * The dashboard on Lambda: the same JSON API and assets as the local server, behind API Gateway's
 * authorizer. A request reaches here only once API Gateway accepted its JWT or SigV4 signature; the
 * function refuses any that carries neither, and any JWT whose `sub` the dashboardSubjects
 * parameter does not allow. Actions take JSON from the API's own origin only.
 */
export function httpApiDashboard(parts: { worker: Omit<ApiDeps, "queue">; queue: JobQueue; assets: DashboardAssets }, env: Record<string, string | undefined> = process.env) {
  const settings = readDashboardEnv(env);
  const api = apiHandler({ ...parts.worker, queue: parts.queue });
  const inline = inlinePage(parts.assets);
  const { logger } = parts.worker;
  return async (raw: unknown): Promise<HttpResult> => {
    const parsed = dashboardEventSchema.safeParse(raw);
    if (!parsed.success) return json(400, { error: "not an API Gateway HTTP API (2.0) request", problems: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message })) });
    const event = parsed.data;
    const caller = callerOf(event, settings);
    if ("status" in caller) return json(caller.status, { error: caller.error });
    const at = event.rawPath.indexOf(`${DASHBOARD_PREFIX}/`);
    const path = at < 0 ? "" : event.rawPath.slice(at + DASHBOARD_PREFIX.length);
    const query = new URLSearchParams(event.rawQueryString);
    const method = event.requestContext.http.method;
    if (!path.startsWith("/api/")) return page(parts.assets, inline, method, path);
    const headers = Object.fromEntries(Object.entries(event.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const body = event.body === undefined ? "" : Buffer.from(event.body, event.isBase64Encoded ? "base64" : "utf8").toString("utf8");
    if (method === "POST") {
      // API Gateway is served over HTTPS and says so in X-Forwarded-Proto (a local stand-in may not be).
      const refusal = actionRefusal(headers, `${headers["x-forwarded-proto"] ?? "https"}://${event.requestContext.domainName}`, body);
      if (refusal) return json(refusal.status, { error: refusal.error });
      logger.info("dashboard action", { path, caller: caller.who });
    }
    query.delete("access_token");
    const request: ApiRequest = { method, path, query: Object.fromEntries(query), body, mayAct: true, via: "dashboard" };
    const answer: ApiResponse = await api(request);
    return json(answer.status, answer.body);
  };
}

function page(assets: DashboardAssets, inline: ReturnType<typeof inlinePage>, method: string, path: string): HttpResult {
  if (method !== "GET" || assetFor(assets, path)?.type.startsWith("text/html") !== true) return json(404, { error: `no page ${path}` });
  const { html, contentSecurityPolicy } = inline;
  // no-store: the answer was given to one caller's token; no shared cache keeps it.
  const headers = { ...SECURITY_HEADERS, "content-security-policy": contentSecurityPolicy, "content-type": "text/html; charset=utf-8", "cache-control": "no-store" };
  return { statusCode: 200, headers, body: html };
}
