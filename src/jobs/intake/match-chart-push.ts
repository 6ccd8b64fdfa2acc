import type { AppIndex } from "../../core/apps/app-index.ts";
import { chartKey } from "../../core/charts/chart-key.ts";
import type { ImagePushEvent } from "../../core/events/internal-event.ts";
import { normalizeRepository } from "../../core/images/normalize-repository.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import { branchWriteGroupId, imageJobDeduplicationId } from "../../core/queue/deduplication-id.ts";

/**
 * A chart-update job per app whose own chart is this OCI repository and that updates it
 * (`render.helm.chart.update`): a `helm push` notifies like an image push, its tag being the version
 * (`_` for `+`). The worker lists the versions again, so a tag outside the range writes nothing.
 */
export function matchChartPush(event: ImagePushEvent, index: AppIndex, deliveryId: string): QueuedJob[] {
  const jobs: QueuedJob[] = [];
  for (const { app } of index.entries) {
    const chart = "helm" in app.render ? app.render.helm.chart : undefined;
    if (!chart?.update || !chart.repo.startsWith("oci://")) continue;
    if (normalizeRepository(`${chart.repo.slice("oci://".length).replace(/\/+$/, "")}/${chart.name}`) !== event.repository) continue;
    const key = chartKey(chart.repo, chart.name);
    jobs.push({
      job: { kind: "chart-update", app: app.name, chart: key, version: event.tag.replaceAll("_", "+"), deliveryId },
      // The chart's key, not its repository: an app tracking the same repository as an image gets both jobs.
      deduplicationId: imageJobDeduplicationId(event.provider, event.eventId, app.name, key, event.tag),
      groupId: branchWriteGroupId(app.source.repo, app.source.branch),
    });
  }
  return jobs;
}
