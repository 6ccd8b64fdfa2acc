import { createHash } from "node:crypto";
import type { AppConfig } from "../../core/config/app-config.ts";
import { syncJobSchema, type SyncJob } from "../../core/queue/job.ts";
import type { SyncDeps, SyncTrigger } from "./sync-app.ts";

/**
 * Queues the job that continues a sync waiting for a wave or hook, due at `at`. It is the app's
 * own FIFO group, so the app's next jobs queue behind it; each is a new message (a fresh receive
 * count, so a long wait never reaches the dead-letter queue), and its deduplication id names the
 * moment it is due, so a job run twice queues it once.
 */
export async function continueSync(
  app: AppConfig,
  cause: SyncTrigger,
  revision: string,
  at: Date,
  deps: SyncDeps,
): Promise<void> {
  if (!deps.queue) return;
  const notBefore = at.toISOString();
  const deduplicationId = createHash("sha256").update(`sync-continue\n${app.name}\n${revision}\n${notBefore}`).digest("hex");
  // A self-heal's wait is continued as the sweep's jobs are: for the branch head.
  const trigger = syncJobSchema.shape.trigger.safeParse(cause.trigger).data ?? "sweep";
  const job: SyncJob = { kind: "sync", app: app.name, deliveryId: cause.deliveryId, trigger, notBefore, ...(cause.provider ? { provider: cause.provider } : {}), ...(trigger === "manual" ? { revision } : {}) };
  await deps.queue.enqueue([{ job, deduplicationId, groupId: app.name }]);
  deps.logger.info("sync continues later", { app: app.name, revision, deliveryId: cause.deliveryId, notBefore });
}
