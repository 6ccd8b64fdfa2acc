import * as z from "zod";
import type { HttpTransport } from "../http/http-transport.ts";
import type { Notification } from "../../core/notify/notification.ts";
import { AdapterError } from "../../core/errors/adapter-error.ts";
import { notifyHttp } from "./notify-http.ts";
import type { NotifySender } from "./notify-sender.ts";
import { repoPath } from "./repo-path.ts";

export interface GitLabTarget {
  provider: string;
  apiUrl: string;
  token: string;
  /** Path or id; the app's repository when absent. */
  project?: string | undefined;
}

const STATES: Partial<Record<Notification["trigger"], { status: string; deployment?: string }>> = {
  "on-deployed": { status: "success", deployment: "success" },
  "on-sync-failed": { status: "failed", deployment: "failed" },
  "on-health-degraded": { status: "failed", deployment: "failed" },
  "on-drift-found": { status: "failed" },
  "on-image-updated": { status: "pending" },
};

const environmentsSchema = z.array(z.object({ id: z.number(), name: z.string() }));

/**
 * GitLab: a commit status named `sluice/<app>` (POST /projects/:id/statuses/:sha), and for deploys and
 * failures the app's environment (created once, its external_url the dashboard) with a deployment of the
 * revision in it. GitLab refuses a status that is already in that state ("Cannot transition status"): a
 * retry after a lost answer, taken as done.
 */
export function gitlabSender(t: GitLabTarget, http: HttpTransport): NotifySender {
  const headers = { "private-token": t.token, "content-type": "application/json", "user-agent": "sluice" };
  return async (n, m) => {
    const state = STATES[n.trigger];
    const sha = n.commit?.sha && n.trigger === "on-image-updated" ? n.commit.sha : n.revision;
    if (!state || !sha || !n.repo) return;
    const base = `${t.apiUrl.replace(/\/+$/, "")}/projects/${encodeURIComponent(t.project ?? repoPath(n.repo))}`;
    const status = {
      state: state.status, name: `sluice/${n.app}`, description: m.title.slice(0, 255),
      ...(n.branch ? { ref: n.branch } : {}), ...(n.dashboardUrl ? { target_url: n.dashboardUrl } : {}),
    };
    await alreadyIsFine(notifyHttp(http, t.provider, { method: "POST", url: `${base}/statuses/${sha}`, headers, body: JSON.stringify(status) }));
    if (!state.deployment) return;
    await ensureEnvironment(base, n, { http, headers, provider: t.provider });
    const deployment = { environment: n.app, sha, ref: n.branch ?? "main", tag: false, status: state.deployment };
    await notifyHttp(http, t.provider, { method: "POST", url: `${base}/deployments`, headers, body: JSON.stringify(deployment) });
  };
}

interface Api { http: HttpTransport; headers: Record<string, string>; provider: string }

async function ensureEnvironment(base: string, n: Notification, api: Api): Promise<void> {
  const listed = await notifyHttp(api.http, api.provider, { method: "GET", url: `${base}/environments?name=${encodeURIComponent(n.app)}`, headers: api.headers });
  const parsed = environmentsSchema.safeParse(JSON.parse(await listed.text()));
  if (!parsed.success) throw new AdapterError(`${api.provider}: unexpected environments answer`, { endpoint: `notify:${api.provider}`, retry: "never" });
  if (parsed.data.some((e) => e.name === n.app)) return;
  const body = { name: n.app, ...(n.dashboardUrl ? { external_url: n.dashboardUrl } : {}) };
  await notifyHttp(api.http, api.provider, { method: "POST", url: `${base}/environments`, headers: api.headers, body: JSON.stringify(body) });
}

async function alreadyIsFine(sent: Promise<unknown>): Promise<void> {
  try {
    await sent;
  } catch (error) {
    if (error instanceof Error && error.message.includes("Cannot transition status")) return;
    throw error;
  }
}
