import * as z from "zod";

/** Every trigger a subscription can name; Argo CD's names where it has the same event. */
export const TRIGGERS = [
  "on-deployed", "on-sync-failed", "on-health-degraded", "on-drift-found", "on-drift-healed",
  "on-image-updated", "on-rollback-hold-set", "on-rollback-hold-released",
  "on-review-app-created", "on-review-app-removed", "on-not-checked",
] as const;

export type Trigger = (typeof TRIGGERS)[number];

/** What a subscription gets when it names no triggers: what a person acts on, not every commit. */
export const DEFAULT_TRIGGERS: readonly Trigger[] = [
  "on-deployed", "on-sync-failed", "on-health-degraded", "on-drift-found", "on-rollback-hold-set", "on-not-checked",
];

const commitSchema = z.object({
  sha: z.string().min(1),
  url: z.string().optional(),
  subject: z.string().optional(),
  author: z.string().optional(),
}).strict();

const imageChangeSchema = z.object({
  repository: z.string().min(1),
  from: z.object({ tag: z.string(), digest: z.string().optional() }).strict().optional(),
  to: z.object({ tag: z.string(), digest: z.string().optional() }).strict(),
}).strict();

/** At most this many object names per list; the counts stay exact. */
export const OBJECT_LIST_LIMIT = 50;

const objectsSchema = z.object({
  created: z.array(z.string()),
  configured: z.array(z.string()),
  pruned: z.array(z.string()),
  failed: z.array(z.string()),
  counts: z.object({ created: z.number(), configured: z.number(), pruned: z.number(), failed: z.number() }).strict(),
}).strict();

/**
 * One thing that happened to one app, with everything a message says about it; what a notify job
 * carries, so a retried delivery says exactly what the first attempt would have said.
 */
export const notificationSchema = z.object({
  /** The dedupe key: one app, one revision, one event. */
  id: z.string().regex(/^[0-9a-f]{64}$/),
  trigger: z.enum(TRIGGERS),
  at: z.string(),
  app: z.string().min(1),
  appSet: z.string().optional(),
  cluster: z.string().optional(),
  namespace: z.string().optional(),
  /** Who or what started it: a webhook's provider and delivery id, the sweep, the CLI or a dashboard user. */
  cause: z.object({
    kind: z.enum(["webhook", "sweep", "cli", "dashboard", "self-heal"]),
    provider: z.string().optional(),
    deliveryId: z.string().min(1),
    user: z.string().optional(),
  }).strict(),
  revision: z.string().optional(),
  repo: z.string().optional(),
  branch: z.string().optional(),
  images: z.array(imageChangeSchema).default([]),
  /** The commit Sluice made (an image bump). */
  commit: commitSchema.optional(),
  /** The commit that changed the app: the revision applied, or the one Sluice's commit sits on. */
  source: commitSchema.optional(),
  pullRequest: z.string().optional(),
  objects: objectsSchema.optional(),
  sync: z.object({ status: z.string(), message: z.string().optional() }).strict().optional(),
  health: z.object({ status: z.string(), message: z.string().optional(), healthyAfterSeconds: z.number().optional() }).strict().optional(),
  hold: z.object({ repository: z.string(), tag: z.string(), from: z.string(), message: z.string() }).strict().optional(),
  /** What went wrong, as the person reading it needs it: which object, what the server said. */
  error: z.string().optional(),
  dashboardUrl: z.string().optional(),
}).strict();

export type Notification = z.infer<typeof notificationSchema>;
export type NotificationInput = z.input<typeof notificationSchema>;
