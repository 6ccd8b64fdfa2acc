import type { AppIndex } from "../../core/apps/app-index.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import { syncJobDeduplicationId } from "../../core/queue/deduplication-id.ts";
import type { ParsedDelivery } from "../../adapters/webhooks/providers/webhook-provider.ts";

/**
 * Sync jobs for the apps a push added to the index or removed from it (a branch created or deleted,
 * an app source's commit), and for generated apps of a pushed branch: the worker brings a new app up,
 * and tears down one that nothing generates any more, by its app set's deletion policy.
 */
export function generatedChanges(before: AppIndex, after: AppIndex, delivery: ParsedDelivery): QueuedJob[] {
  const names = new Set<string>();
  if (before.revision !== after.revision) {
    for (const entry of after.entries) if (!before.get(entry.app.name)) names.add(entry.app.name);
    for (const entry of before.entries) if (!after.get(entry.app.name)) names.add(entry.app.name);
  }
  const branches = new Set(delivery.events.flatMap((e) => (e.kind === "git-push" && e.ref.type === "branch" ? [e.ref.name] : [])));
  for (const entry of after.entries) {
    const branch = entry.labels["branch"];
    if (entry.appSet && branch !== undefined && branches.has(branch)) names.add(entry.app.name);
  }
  return [...names].map((app) => ({
    job: { kind: "sync", app, deliveryId: delivery.deliveryId, trigger: "webhook" },
    // Keyed by the index revision: a redelivered push finds the same index and queues nothing new.
    deduplicationId: syncJobDeduplicationId(app, `index:${after.revision}:${delivery.deliveryId}`),
    groupId: app,
  }));
}
