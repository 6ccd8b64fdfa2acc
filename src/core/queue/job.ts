import * as z from "zod";
import { notificationSchema } from "../notify/notification.ts";

/** Write a newly pushed tag into an app's GitOps repo, then sync the app. */
export const imageUpdateJobSchema = z.object({
  kind: z.literal("image-update"),
  app: z.string().min(1),
  repository: z.string().min(1),
  tag: z.string().min(1),
  digest: z.string().optional(),
  deliveryId: z.string().min(1),
  /** The webhook provider whose delivery queued it (distribution, harbor, github, …): what its notifications name. */
  provider: z.string().min(1).optional(),
}).strict();

/**
 * Write a chart version into git (a Chart.yaml dependency, or the app definition's chart version),
 * then sync the app. `version` is a hint: the newest version the app's range allows is written.
 */
export const chartUpdateJobSchema = z.object({
  kind: z.literal("chart-update"),
  app: z.string().min(1),
  /** chartKey: `<repo>/<name>`, such as `https://charts.example.com/db`. */
  chart: z.string().min(1),
  /** The `render.helm.dependencyUpdates` entry; absent for the app's own chart (`render.helm.chart`). */
  dependency: z.string().min(1).optional(),
  version: z.string().min(1),
  deliveryId: z.string().min(1),
}).strict();

/** Render the app at its branch head and apply it. */
export const syncJobSchema = z.object({
  kind: z.literal("sync"),
  app: z.string().min(1),
  /** A commit to apply; the branch head when absent. */
  revision: z.string().regex(/^[0-9a-f]{40}$/).optional(),
  deliveryId: z.string().min(1),
  // refresh: a person asked to compare again (the dashboard's Refresh); it applies only what automation would.
  trigger: z.enum(["webhook", "sweep", "manual", "refresh"]),
  /** The webhook provider whose delivery queued it, when one did. */
  provider: z.string().min(1).optional(),
  /** Not to run before this time (ISO): a sync that continues a wait. SQS FIFO has no per-message delay. */
  notBefore: z.iso.datetime().optional(),
}).strict();

/**
 * Diff the objects of an app that moved since Sluice last saw them match git (the sweep found
 * them by resourceVersion and fingerprint); self-heal, or record the drift.
 */
export const checkJobSchema = z.object({
  kind: z.literal("check"),
  app: z.string().min(1),
  /** The revision the app's record named when the sweep looked; a sync since makes the check moot. */
  revision: z.string().regex(/^[0-9a-f]{40}$/),
  /** inventoryKey of each object to diff, with the resourceVersion and fingerprint the sweep saw (none: missing). */
  objects: z.array(z.object({ key: z.string().min(1), resourceVersion: z.string().optional(), fingerprint: z.string().optional() }).strict()).min(1),
  deliveryId: z.string().min(1),
}).strict();

/**
 * A person's rollback under automated sync: commit the app's image tags and values files as they were
 * at `revision` to the branch head, hold the images there, and sync.
 */
export const rollbackJobSchema = z.object({
  kind: z.literal("rollback"),
  app: z.string().min(1),
  revision: z.string().regex(/^[0-9a-f]{40}$/),
  deliveryId: z.string().min(1),
}).strict();

/** Deliver one notification to one provider; its own queue group per provider, never an app's. */
export const notifyJobSchema = z.object({
  kind: z.literal("notify"),
  app: z.string().min(1),
  provider: z.string().min(1),
  notification: notificationSchema,
  deliveryId: z.string().min(1),
}).strict();

export const jobSchema = z.discriminatedUnion("kind", [
  imageUpdateJobSchema, chartUpdateJobSchema, syncJobSchema, checkJobSchema, rollbackJobSchema, notifyJobSchema,
]);

export type ImageUpdateJob = z.infer<typeof imageUpdateJobSchema>;
export type ChartUpdateJob = z.infer<typeof chartUpdateJobSchema>;
export type SyncJob = z.infer<typeof syncJobSchema>;
export type CheckJob = z.infer<typeof checkJobSchema>;
export type RollbackJob = z.infer<typeof rollbackJobSchema>;
export type NotifyJob = z.infer<typeof notifyJobSchema>;
export type Job = z.infer<typeof jobSchema>;

/** A job with its queue keys: FIFO deduplication and ordering group. */
export interface QueuedJob {
  job: Job;
  /** Equal ids within the queue's deduplication window are delivered once. */
  deduplicationId: string;
  /** Jobs of one group are delivered in order; one app is one group. */
  groupId: string;
}

/** Decodes a queue message body; throws a ZodError on anything that is not a job. */
export function parseJob(body: string): Job {
  return jobSchema.parse(JSON.parse(body));
}
