import type { AppIndex } from "../../core/apps/app-index.ts";
import type { ChangeRequestEvent } from "../../core/events/change-request-event.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import { syncJobDeduplicationId } from "../../core/queue/deduplication-id.ts";
import type { MatchResult } from "./match-result.ts";
import { requestApps } from "./request-apps.ts";

/**
 * A request opened or updated: a sync job for each app generated from it, which the worker brings up
 * (namespace, values file) on its first job and otherwise renders with the request's new variables.
 * A request closed or merged queues nothing here: the index read after it lacks its apps, and the
 * removals are queued from its difference with the index held before (`generatedChanges`); a function
 * that held none (a cold start) sees no difference, and the sweep removes them.
 */
export function matchChangeRequest(event: ChangeRequestEvent, index: AppIndex, deliveryId: string): MatchResult {
  const about = `request ${event.number} (${event.branch}) of ${event.repositoryUrls[0] ?? "the repository"}`;
  const apps = requestApps(index, event.number, event.branch);
  if (event.action === "closed" || event.action === "merged") {
    if (apps.length === 0) return { jobs: [], ignored: [`${about} ${event.action}: the index has no app of it any more`] };
    // The host still listed it open when the index was read: the sweep's next read removes the apps.
    return { jobs: [], ignored: apps.map((a) => `${a.app.name}: ${about} ${event.action}, but the host still lists it open; the sweep removes it`) };
  }
  if (apps.length === 0) return { jobs: [], ignored: [`no app set generates an app from ${about}`] };
  const jobs = apps.map((entry): QueuedJob => ({
    job: { kind: "sync", app: entry.app.name, deliveryId, trigger: "webhook" },
    // One job per app and head commit, however often the host redelivers or a push hook says the same.
    deduplicationId: syncJobDeduplicationId(entry.app.name, `request:${event.number}:${event.sha}`),
    groupId: entry.app.name,
  }));
  return { jobs, ignored: [] };
}
