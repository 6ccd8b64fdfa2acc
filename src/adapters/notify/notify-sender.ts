import type { Notification } from "../../core/notify/notification.ts";
import type { NotificationMessage } from "../../core/notify/notification-message.ts";

/**
 * Delivers one notification to one provider. Throws an AdapterError saying whether to retry
 * (429 and 5xx: later, after the Retry-After when given; other refusals: never). Must be safe to call
 * again after a failure: a retried delivery never doubles what the first one managed to do.
 */
export type NotifySender = (notification: Notification, message: NotificationMessage) => Promise<void>;
