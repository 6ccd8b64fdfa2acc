import type { AppIndex } from "../../core/apps/app-index.ts";
import { appMatcher } from "../../core/apps/app-matcher.ts";
import type { ImagePushEvent } from "../../core/events/internal-event.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import { branchWriteGroupId, imageJobDeduplicationId } from "../../core/queue/deduplication-id.ts";
import type { MatchResult } from "./match-result.ts";
import { matchChartPush } from "./match-chart-push.ts";

/** One image-update job per app that tracks the pushed repository; a chart-update per app whose OCI chart it is. */
export function matchImagePush(event: ImagePushEvent, index: AppIndex, deliveryId: string): MatchResult {
  const jobs: QueuedJob[] = [];
  for (const app of appMatcher(index).trackingImage(event.repository)) {
    jobs.push({
      job: {
        kind: "image-update",
        app: app.name,
        repository: event.repository,
        tag: event.tag,
        ...(event.digest ? { digest: event.digest } : {}),
        deliveryId,
      },
      deduplicationId: imageJobDeduplicationId(event.provider, event.eventId, app.name, event.repository, event.tag),
      // One writer per branch: bumps of the apps sharing it coalesce instead of racing to push.
      groupId: branchWriteGroupId(app.source.repo, app.source.branch),
    });
  }
  jobs.push(...matchChartPush(event, index, deliveryId));
  return jobs.length > 0 ? { jobs, ignored: [] } : { jobs, ignored: [`no app tracks ${event.repository}`] };
}
