import type { ZodError } from "zod";
import type { ApiDeps } from "./api-deps.ts";
import type { ApiRequest, ApiResponse } from "./api-request.ts";
import { appDetail } from "./app-detail.ts";
import { appDiff } from "./app-diff.ts";
import { refresh, releaseBodySchema, releaseHold, rollback, rollbackBodySchema, syncNow } from "./app-actions.ts";
import { listApps } from "./list-apps.ts";
import { listQuerySchema } from "./list-query.ts";
import { readRows } from "./read-rows.ts";
import type { CommitCache } from "./commit-subjects.ts";
import type { AppRow } from "./app-row.ts";
import { appSetsBody, reportRowOf } from "./app-sets.ts";

/** How long a listing of every record serves the list's pages: polling clients share one read. */
const ROWS_TTL_MS = 2_000;

const problems = (error: ZodError): ApiResponse => ({
  status: 400,
  body: { error: "invalid request", problems: error.issues.map((i) => ({ path: i.path.join(".") || "(root)", message: i.message })) },
});

/**
 * The dashboard's JSON API, the same on every server: `GET /api/apps` (filters, search, paging),
 * `GET /api/apps/:name`, `GET /api/apps/:name/diff`, `GET /api/appsets` (counts per app set and
 * cluster, each cluster's condition, the definitions refused), and the actions `POST /api/apps/:name/sync`,
 * `/refresh`, `/rollback {revision}` and `/release {repository}`, which need `mayAct`.
 */
export function apiHandler(deps: ApiDeps): (request: ApiRequest) => Promise<ApiResponse> {
  let cached: { at: number; rows: Promise<AppRow[]> } | undefined;
  const commits: CommitCache = new Map();
  const rows = (): Promise<AppRow[]> => {
    const now = deps.now().getTime();
    if (!cached || now - cached.at > ROWS_TTL_MS) {
      cached = { at: now, rows: readRows(deps, commits) };
      cached.rows.catch(() => { cached = undefined; });
    }
    return cached.rows;
  };
  return async (request) => {
    const parts = request.path.split("/").filter(Boolean).map(decodeURIComponent);
    if (parts[0] === "api" && parts[1] === "appsets" && parts.length === 2) {
      if (request.method !== "GET") return { status: 405, body: { error: "GET only" } };
      return { status: 200, body: appSetsBody((await rows()).map(reportRowOf), await deps.appIndex()) };
    }
    if (parts[0] !== "api" || parts[1] !== "apps" || parts.length > 4) return { status: 404, body: { error: `no route ${request.path}` } };
    const [, , name, action] = parts;
    if (name === undefined) {
      if (request.method !== "GET") return { status: 405, body: { error: "GET only" } };
      const query = listQuerySchema.safeParse(request.query);
      return query.success ? { status: 200, body: listApps(await rows(), query.data) } : problems(query.error);
    }
    if (request.method === "GET" && action === undefined) {
      const detail = await appDetail(name, deps);
      return detail ? { status: 200, body: detail } : { status: 404, body: { error: `no app named ${name}` } };
    }
    const entry = (await deps.appIndex()).get(name);
    if (!entry) return { status: 404, body: { error: `no app named ${name}` } };
    if (request.method === "GET" && action === "diff") return { status: 200, body: await appDiff(entry.app, deps) };
    if (request.method !== "POST") return { status: 405, body: { error: `${request.method} ${request.path} is not a route` } };
    if (!request.mayAct) return { status: 401, body: { error: "actions need the dashboard token" } };
    const result = await act(action, entry.app, request, deps);
    cached = undefined;
    return result;
  };
}

async function act(action: string | undefined, app: Parameters<typeof syncNow>[0], request: ApiRequest, deps: ApiDeps): Promise<ApiResponse> {
  const body = parseBody(request.body);
  if (action === "sync") return syncNow(app, request.via, deps);
  if (action === "refresh") return refresh(app, request.via, deps);
  if (action === "rollback") {
    const parsed = rollbackBodySchema.safeParse(body);
    return parsed.success ? rollback(app, parsed.data.revision, request.via, deps) : problems(parsed.error);
  }
  if (action === "release") {
    const parsed = releaseBodySchema.safeParse(body);
    return parsed.success ? releaseHold(app, parsed.data.repository, request.via, deps) : problems(parsed.error);
  }
  return { status: 404, body: { error: `no action ${action ?? "(none)"}: sync, refresh, rollback or release` } };
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    return { "(body)": error instanceof Error ? error.message : "not JSON" };
  }
}
