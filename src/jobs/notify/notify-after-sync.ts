import type { AppConfig } from "../../core/config/app-config.ts";
import type { Notification } from "../../core/notify/notification.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { commitUrl } from "../../engine/notify/commit-url.ts";
import { syncNotifications, type SyncFacts } from "../../engine/notify/sync-notifications.ts";
import { readCommitInfo } from "../../adapters/git/read-commit-info.ts";
import { baseFor, type NotifyDeps } from "./notify-deps.ts";

export interface SyncNotice {
  app: AppConfig;
  cause: { trigger: string; deliveryId: string; provider?: string | undefined };
  previous: AppRecord | undefined;
  outcome: SyncFacts["outcome"];
  /** The checkout the sync rendered: the applied commit's subject and author come from it. */
  workspaceDir?: string | undefined;
  extra?: SyncFacts["extra"];
}

/** Queues what a finished sync has to say (deployed, failed, degraded, drift); never throws. */
export async function notifyAfterSync(notice: SyncNotice, deps: NotifyDeps): Promise<void> {
  if (!deps.notifications) return;
  const base = await baseFor(notice.app, notice.cause, deps);
  const source = await commitOf(notice.app.source.repo, notice.outcome.revision, notice.workspaceDir);
  const notifications = syncNotifications({ base, previous: notice.previous, outcome: notice.outcome, extra: { ...(source ? { source } : {}), ...notice.extra } });
  await deps.notifications.emit(notifications);
}

/** A commit as notifications name it: SHA, link, and subject and author when the checkout has them. */
export async function commitOf(repo: string, sha: string, dir: string | undefined): Promise<Notification["source"]> {
  if (!sha) return undefined;
  const info = dir ? await readCommitInfo(dir, sha) : undefined;
  const url = commitUrl(repo, sha);
  return { sha, ...(url ? { url } : {}), ...(info ? { subject: info.subject, author: info.author } : {}) };
}
