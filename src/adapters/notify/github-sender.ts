import * as z from "zod";
import type { HttpTransport } from "../http/http-transport.ts";
import type { Notification } from "../../core/notify/notification.ts";
import { AdapterError } from "../../core/errors/adapter-error.ts";
import { notifyHttp } from "./notify-http.ts";
import type { NotifySender } from "./notify-sender.ts";
import { repoPath } from "./repo-path.ts";

export interface GitHubTarget {
  provider: string;
  apiUrl: string;
  token: string;
  /** owner/name; the app's repository when absent. */
  repository?: string | undefined;
  statuses: boolean;
  deployments: boolean;
}

/** What a commit status and a deployment status say for each trigger; triggers absent here post nothing. */
const STATES: Partial<Record<Notification["trigger"], { status: string; deployment?: string }>> = {
  "on-deployed": { status: "success", deployment: "success" },
  "on-sync-failed": { status: "failure", deployment: "failure" },
  "on-health-degraded": { status: "failure", deployment: "failure" },
  "on-drift-found": { status: "error" },
  "on-image-updated": { status: "pending" },
};

const deploymentsSchema = z.array(z.object({ id: z.number(), payload: z.unknown() }));
const createdSchema = z.object({ id: z.number() });

/**
 * GitHub: a commit status `sluice/<app>` on the revision applied (POST /repos/{owner}/{repo}/statuses/{sha}),
 * and for deploys and failures a deployment with environment = app and its status. The deployment carries
 * the notification's id in its payload; a retry finds it (GET …/deployments?sha&environment) instead of
 * making a second one.
 */
export function githubSender(t: GitHubTarget, http: HttpTransport): NotifySender {
  const headers = { authorization: `Bearer ${t.token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "sluice", "content-type": "application/json" };
  return async (n, m) => {
    const state = STATES[n.trigger];
    const sha = n.commit?.sha && n.trigger === "on-image-updated" ? n.commit.sha : n.revision;
    if (!state || !sha || !n.repo) return;
    const base = `${t.apiUrl.replace(/\/+$/, "")}/repos/${t.repository ?? repoPath(n.repo)}`;
    const description = cut(m.title, 140);
    if (t.statuses) {
      const body = { state: state.status, context: `sluice/${n.app}`, description, ...(n.dashboardUrl ? { target_url: n.dashboardUrl } : {}) };
      await notifyHttp(http, t.provider, { method: "POST", url: `${base}/statuses/${sha}`, headers, body: JSON.stringify(body) });
    }
    if (!t.deployments || !state.deployment) return;
    const id = await findOrCreateDeployment(base, sha, n, description, { http, headers, provider: t.provider });
    const status = { state: state.deployment, environment: n.app, description, auto_inactive: true, ...(n.dashboardUrl ? { log_url: n.dashboardUrl } : {}) };
    await notifyHttp(http, t.provider, { method: "POST", url: `${base}/deployments/${id}/statuses`, headers, body: JSON.stringify(status) });
  };
}

interface Api { http: HttpTransport; headers: Record<string, string>; provider: string }

async function findOrCreateDeployment(base: string, sha: string, n: Notification, description: string, api: Api): Promise<number> {
  const query = `sha=${sha}&environment=${encodeURIComponent(n.app)}&per_page=100`;
  const listed = await notifyHttp(api.http, api.provider, { method: "GET", url: `${base}/deployments?${query}`, headers: api.headers });
  const found = parse(deploymentsSchema, await listed.text(), api.provider).find((d) => idIn(d.payload) === n.id);
  if (found) return found.id;
  // auto_merge false: GitHub would otherwise merge the default branch into the ref; no required contexts:
  // Sluice's own status on this commit must not hold its deployment back.
  const body = { ref: sha, environment: n.app, description, auto_merge: false, required_contexts: [], payload: { sluice: { id: n.id, trigger: n.trigger } } };
  const created = await notifyHttp(api.http, api.provider, { method: "POST", url: `${base}/deployments`, headers: api.headers, body: JSON.stringify(body) });
  return parse(createdSchema, await created.text(), api.provider).id;
}

function idIn(payload: unknown): string | undefined {
  const parsed = z.object({ sluice: z.object({ id: z.string() }) }).safeParse(typeof payload === "string" ? safeJson(payload) : payload);
  return parsed.success ? parsed.data.sluice.id : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // a payload someone else wrote as plain text is not Sluice's
  }
}

function parse<T>(schema: z.ZodType<T>, text: string, provider: string): T {
  const parsed = schema.safeParse(safeJson(text));
  if (!parsed.success) throw new AdapterError(`${provider}: unexpected answer: ${parsed.error.message}`, { endpoint: `notify:${provider}`, retry: "never" });
  return parsed.data;
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
