import type { Notification } from "../notify/notification.ts";
import type { NotifyJob } from "./job.ts";

/** What a notify job did. */
export interface NotifyOutcome {
  app: string;
  provider: string;
  trigger: Notification["trigger"];
  /** delivered; skipped (the provider has nothing to post for this trigger, or is gone from the config). */
  status: "delivered" | "skipped";
  attempts: number;
}

/**
 * The worker's notifications: `emit` only queues (one notify job per subscribed provider) and never throws,
 * so a provider that fails never fails or slows a sync; `deliver` runs a notify job.
 */
export interface Notifications {
  readonly dashboardUrl?: string | undefined;
  emit(notifications: readonly Notification[]): Promise<void>;
  deliver(job: NotifyJob): Promise<NotifyOutcome>;
}
