import type { AppList } from "../../../jobs/api/list-apps.ts";
import type { AppDetail } from "../../../jobs/api/app-detail.ts";
import type { AppDiffView } from "../../../jobs/api/app-diff.ts";

const TOKEN_KEY = "sluice-token";

/**
 * The action token: from the URL's fragment once (`#token=…`, which never reaches a server or a log),
 * then from this tab's session storage. Reading needs none.
 */
export function token(): string | undefined {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, "", location.pathname + location.search + location.hash.replace(/&?token=[A-Za-z0-9_-]+/, "").replace(/^#$/, ""));
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
}

export function setToken(value: string): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

async function read<T>(path: string): Promise<T> {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${response.status} ${response.statusText}`);
  return body;
}

export const listApps = (query: URLSearchParams): Promise<AppList> => read(`api/apps?${query.toString()}`);
export const getApp = (name: string): Promise<AppDetail> => read(`api/apps/${encodeURIComponent(name)}`);
export const getDiff = (name: string): Promise<AppDiffView> => read(`api/apps/${encodeURIComponent(name)}/diff`);

/** Runs an action; the token goes in a header, which no other site's page can make a browser send. */
export async function act(name: string, action: "sync" | "refresh" | "rollback" | "release", body: object = {}): Promise<string> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const t = token();
  if (t) headers["authorization"] = `Bearer ${t}`;
  const response = await fetch(`api/apps/${encodeURIComponent(name)}/${action}`, { method: "POST", headers, body: JSON.stringify(body) });
  const answer = (await response.json()) as { error?: string; problems?: { path: string; message: string }[] };
  if (!response.ok) throw new Error(answer.error ?? `${response.status}`);
  return `${action}: ${response.status === 202 ? "queued" : "done"}`;
}
