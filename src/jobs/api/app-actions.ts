import { randomUUID } from "node:crypto";
import * as z from "zod";
import type { AppConfig } from "../../core/config/app-config.ts";
import type { Job } from "../../core/queue/job.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import { historyRevision } from "../rollback/history-revision.ts";
import type { ApiDeps } from "./api-deps.ts";

export const rollbackBodySchema = z.object({ revision: z.string().regex(/^[0-9a-f]{7,40}$/, "a commit id (7 to 40 hex digits) from the app's history") }).strict();
export const releaseBodySchema = z.object({ repository: z.string().min(1) }).strict();

export type ActionResult = { status: 202; body: { queued: Job } } | { status: 200; body: { released: string; queued?: Job } } | { status: 404 | 409; body: { error: string } };

/** Puts one job on the queue, its own deduplication id (a person's click is never a repeat), grouped by app. */
async function queue(job: Job, deps: Pick<ApiDeps, "queue">): Promise<ActionResult> {
  await deps.queue.enqueue([{ job, deduplicationId: randomUUID(), groupId: job.app }]);
  return { status: 202, body: { queued: job } };
}

const deliveryId = (via: string): string => `${via}-${randomUUID()}`;

/** Sync now: the branch head, applied as a person's sync (taking back fields others changed). */
export function syncNow(app: AppConfig, via: string, deps: Pick<ApiDeps, "queue">): Promise<ActionResult> {
  return queue({ kind: "sync", app: app.name, trigger: "manual", deliveryId: deliveryId(via) }, deps);
}

/** Refresh: compare with git and the cluster again; applies only what automated sync would. */
export function refresh(app: AppConfig, via: string, deps: Pick<ApiDeps, "queue">): Promise<ActionResult> {
  return queue({ kind: "sync", app: app.name, trigger: "refresh", deliveryId: deliveryId(via) }, deps);
}

/** Rollback to a revision of the app's history (a prefix of it will do): queued as a rollback job. */
export async function rollback(app: AppConfig, revision: string, via: string, deps: Pick<ApiDeps, "queue" | "destinationFor">): Promise<ActionResult> {
  const found = historyRevision(await deps.destinationFor(app).readRecord(app.name), app.name, revision);
  if ("error" in found) return { status: 404, body: { error: found.error } };
  return queue({ kind: "rollback", app: app.name, revision: found.revision, deliveryId: deliveryId(via) }, deps);
}

/**
 * Releases a hold: the image is no longer taken for rolled back (the tag git holds becomes the one
 * last written), and an image update towards the tag it was rolled back from is queued, which the
 * policy may take further.
 */
export async function releaseHold(app: AppConfig, repository: string, via: string, deps: Pick<ApiDeps, "queue" | "destinationFor">): Promise<ActionResult> {
  const destination = deps.destinationFor(app);
  const stored = await destination.loadRecord(app.name);
  const hold = stored.record?.holds?.find((h) => h.repository === repository);
  if (!hold) return { status: 409, body: { error: `${app.name} holds no image ${repository}` } };
  await writeRecordChange(destination, app.name, stored, (current) => current && {
    ...current,
    written: { ...current.written, [repository]: hold.tag },
    holds: (current.holds ?? []).filter((h) => h.repository !== repository),
  });
  if (!hold.from || !app.images.some((i) => i.repository === repository)) return { status: 200, body: { released: repository } };
  const job: Job = { kind: "image-update", app: app.name, repository, tag: hold.from, deliveryId: deliveryId(via) };
  await deps.queue.enqueue([{ job, deduplicationId: randomUUID(), groupId: app.name }]);
  return { status: 200, body: { released: repository, queued: job } };
}
