import { createHash } from "node:crypto";
import type { Trigger } from "../../core/notify/notification.ts";

/**
 * The dedupe key of a notification: one app, one revision, one event (plus what tells two events of
 * that kind apart, such as the image and tag). A redelivered job, a retried sync and a sweep racing a
 * webhook all derive the same key, so each provider gets the message once.
 */
export function notificationId(app: string, revision: string, trigger: Trigger, ...detail: string[]): string {
  return createHash("sha256").update([app, revision, trigger, ...detail].join("\n")).digest("hex");
}
