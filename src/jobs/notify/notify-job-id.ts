import { createHash } from "node:crypto";

/** The FIFO deduplication id of one notification to one provider. */
export function notifyJobId(notificationId: string, provider: string): string {
  return createHash("sha256").update(`notify\n${provider}\n${notificationId}`).digest("hex");
}

/** Notify jobs queue per provider, never in an app's group: a provider that is down holds up only itself. */
export const notifyGroupId = (provider: string): string => `notify:${provider}`;
