import type { AppConfig } from "../../core/config/app-config.ts";
import type { Notification } from "../../core/notify/notification.ts";
import type { ImageUpdateJob } from "../../core/queue/job.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { notificationId } from "../../engine/notify/notification-id.ts";
import type { ImageUpdateOutcome } from "./image-update-outcome.ts";
import type { ImageState } from "./with-image-state.ts";
import { commitOf, notifyAfterSync } from "../notify/notify-after-sync.ts";
import { baseFor, type NotifyDeps } from "../notify/notify-deps.ts";

export interface ImageNotice {
  job: ImageUpdateJob;
  app: AppConfig;
  previous: AppRecord | undefined;
  outcome: ImageUpdateOutcome;
  hold?: ImageState["hold"];
  workspaceDir?: string | undefined;
  /** From the sync's start to the end of following its health. */
  healthyAfterMs?: number | undefined;
}

/**
 * Queues what an image update has to say: the bump (image old → new, Sluice's commit), a rollback hold set
 * or released, then what its sync did, with the image and commit in every message. Never throws.
 */
export async function notifyAfterImage(notice: ImageNotice, deps: NotifyDeps): Promise<void> {
  if (!deps.notifications) return;
  const { job, app, outcome, previous } = notice;
  const cause = { trigger: "image-update", deliveryId: job.deliveryId, provider: job.provider };
  const base = await baseFor(app, cause, deps);
  const moved = outcome.status === "committed" || outcome.status === "proposed";
  const images: Notification["images"] = outcome.to && moved ? [{
    repository: job.repository, ...(outcome.from ? { from: { tag: outcome.from } } : {}),
    to: { tag: outcome.to, ...(job.digest && outcome.to === job.tag ? { digest: job.digest } : {}) },
  }] : [];
  const commit = outcome.commit ? await commitOf(app.source.repo, outcome.commit, notice.workspaceDir) : undefined;
  const extra = { images, ...(commit ? { commit } : {}), ...(outcome.pullRequest ? { pullRequest: outcome.pullRequest } : {}) };
  const at = outcome.commit ?? outcome.to ?? job.tag;
  const out: Notification[] = [];
  // A bump committed, or proposed as a pull request (its link in the message, no commit on the branch yet).
  if (commit || (outcome.status === "proposed" && outcome.pullRequest)) {
    const id = notificationId(app.name, outcome.pullRequest ?? at, "on-image-updated", job.repository, outcome.to ?? job.tag);
    out.push({ id, trigger: "on-image-updated", ...base, ...(commit ? { revision: commit.sha } : {}), ...extra });
  }
  if (notice.hold) {
    out.push({ id: notificationId(app.name, notice.hold.tag, "on-rollback-hold-set", job.repository, notice.hold.from), trigger: "on-rollback-hold-set", ...base, ...extra, hold: { repository: job.repository, ...notice.hold } });
  }
  const released = previous?.holds?.find((h) => h.repository === job.repository);
  if (released && !notice.hold && outcome.status === "committed") {
    const hold = { ...released, message: `${job.repository} moved on to ${outcome.to ?? job.tag}` };
    out.push({ id: notificationId(app.name, at, "on-rollback-hold-released", job.repository), trigger: "on-rollback-hold-released", ...base, ...extra, hold });
  }
  await deps.notifications.emit(out);
  if (outcome.sync) await notifyAfterSync({ app, cause, previous, outcome: { ...outcome.sync, healthyAfterMs: notice.healthyAfterMs }, workspaceDir: notice.workspaceDir, extra }, deps);
}
