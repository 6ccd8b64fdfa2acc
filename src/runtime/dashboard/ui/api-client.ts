import type { AppList } from "../../../jobs/api/list-apps.ts";
import type { AppDetail } from "../../../jobs/api/app-detail.ts";
import type { AppDiffView } from "../../../jobs/api/app-diff.ts";
import type { AppSetsBody } from "../../../jobs/api/app-sets.ts";

const TOKEN_KEY = "sluice-token";

/** The local token (base64url) or, on AWS, the caller's JWT (three base64url parts). */
const TOKEN = "[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+){0,2}";

/**
 * The token: from the URL once, then from this tab's session storage. Locally it is the fragment's
 * `#token=…` (which never reaches a server or a log); on AWS the page was opened with
 * `?access_token=…`, which API Gateway's authorizer read. Either is taken out of the address bar at once.
 */
export function token(): string | undefined {
  const fragment = new RegExp(`(?:^#|&)token=(${TOKEN})`).exec(location.hash)?.[1];
  const query = new URLSearchParams(location.search);
  const found = fragment ?? query.get("access_token") ?? undefined;
  if (found && new RegExp(`^${TOKEN}$`).test(found)) {
    sessionStorage.setItem(TOKEN_KEY, found);
    query.delete("access_token");
    const search = query.size > 0 ? `?${query.toString()}` : "";
    history.replaceState(null, "", location.pathname + search + location.hash.replace(new RegExp(`&?token=${TOKEN}`), "").replace(/^#$/, ""));
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

const authorization = (): Record<string, string> => {
  const t = token();
  return t ? { authorization: `Bearer ${t}` } : {};
};

export function setToken(value: string): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function read<T>(path: string): Promise<T> {
  // Locally reading needs no token; on AWS every route is behind the JWT authorizer.
  const response = await fetch(path, { headers: { accept: "application/json", ...authorization() } });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

export const listApps = (query: URLSearchParams): Promise<AppList> => read(`api/apps?${query.toString()}`);
export const getApp = (name: string): Promise<AppDetail> => read(`api/apps/${encodeURIComponent(name)}`);
export const listAppSets = (): Promise<AppSetsBody> => read("api/appsets");
export const getDiff = (name: string): Promise<AppDiffView> => read(`api/apps/${encodeURIComponent(name)}/diff`);

/** Runs an action; the token goes in a header, which no other site's page can make a browser send. */
export async function act(name: string, action: "sync" | "refresh" | "rollback" | "release", body: object = {}): Promise<string> {
  const headers: Record<string, string> = { "content-type": "application/json", ...authorization() };
  const response = await fetch(`api/apps/${encodeURIComponent(name)}/${action}`, { method: "POST", headers, body: JSON.stringify(body) });
  const answer = (await response.json()) as { error?: string; problems?: { path: string; message: string }[] };
  if (!response.ok) throw new Error(answer.error ?? `${response.status}`);
  return `${action}: ${response.status === 202 ? "queued" : "done"}`;
}
