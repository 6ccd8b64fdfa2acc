import { createHash } from "node:crypto";

// Every job's FIFO deduplication id, in one place: two producers that mean the same job must
// derive the same key, and different jobs never may.
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * The FIFO deduplication id of an image job: one event for one app is one job, however
 * often the sender retries. 64 hex characters, within SQS's 128.
 */
export function imageJobDeduplicationId(provider: string, eventId: string, app: string, repository: string, tag: string): string {
  return sha256(`${provider}\n${eventId}\n${app}\n${repository}\n${tag}`);
}

/**
 * The FIFO deduplication id of a sync job. It derives from the app and the commit alone,
 * the same key the sweep uses, so a redelivered push, a second git host hook and a sweep
 * racing the webhook all queue one sync of that commit.
 */
export function syncJobDeduplicationId(app: string, revision: string): string {
  return sha256(`sync\n${app}\n${revision}`);
}

/**
 * The deduplication id of the sweep's sync that finishes a sync of `revision` which failed for a
 * reason that passes, at `failedAt` (its history entry): the original job's id would be dropped
 * within the queue's deduplication window, and each failure earns one more try.
 */
export function syncRetryJobId(app: string, revision: string, failedAt: string): string {
  return sha256(`sync-retry\n${app}\n${revision}\n${failedAt}`);
}

/**
 * The deduplication id of an image job the sweep queues: the app, image and tag alone, so
 * overlapping sweeps queue it once. A webhook for the same tag has its own id; the worker's
 * write is idempotent (the second job finds the tag in git), so the two make one commit.
 */
export function sweepImageJobId(app: string, repository: string, tag: string): string {
  return sha256(`image-update\nsweep\n${app}\n${repository}\n${tag}`);
}

/** The deduplication id of a chart version update the sweep queues: overlapping sweeps queue it once. */
export function sweepChartJobId(app: string, chart: string, version: string): string {
  return sha256(`chart-update\nsweep\n${app}\n${chart}\n${version}`);
}

/**
 * The deduplication id of a drift check: the app, its revision, and each object with the
 * resourceVersion the sweep saw. Sweeps that see the same state queue one check; a further
 * change to an object is a new check.
 */
export function checkJobId(app: string, revision: string, objects: readonly { key: string; resourceVersion?: string | undefined }[]): string {
  const seen = objects.map((o) => `${o.key}@${o.resourceVersion ?? "missing"}`).sort();
  return sha256(`check\n${app}\n${revision}\n${seen.join("\n")}`);
}

/**
 * The FIFO group of every job that writes to a branch (image bumps): one group per repository
 * and branch, so one worker at a time writes it and its bumps coalesce into one commit instead of
 * racing each other's pushes. Hashed: a group id is at most 128 characters of a narrow alphabet.
 */
export function branchWriteGroupId(repo: string, branch: string): string {
  return `write-${sha256(`${repo}#${branch}`).slice(0, 40)}`;
}

/** Whether a FIFO group is a branch's writers (branchWriteGroupId), whose jobs of different apps may run side by side. */
export const isBranchWriteGroup = (groupId: string | undefined): boolean => groupId?.startsWith("write-") === true;
