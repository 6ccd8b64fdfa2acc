import type { NotifyJob } from "../../core/queue/job.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import type { NotifyOutcome, Notifications } from "../../core/queue/notifications.ts";

/** A notify job on a worker: delivered through the process's notifications; without any, nothing can send it. */
export function runNotifyJob(job: NotifyJob, deps: { notifications?: Notifications | undefined }): Promise<NotifyOutcome> {
  if (!deps.notifications) return Promise.reject(new PermanentJobError(`notification to ${job.provider} for ${job.app}: this worker has no notifications configured`));
  return deps.notifications.deliver(job);
}
