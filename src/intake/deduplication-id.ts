import { createHash } from "node:crypto";

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
