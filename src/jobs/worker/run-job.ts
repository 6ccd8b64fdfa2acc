import type { Job } from "../../core/queue/job.ts";
import { checkApp, type CheckOutcome } from "../check/check-app.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { syncApp, type SyncOutcome } from "../sync/sync-app.ts";
import type { ImageUpdateOutcome } from "../image/image-update-outcome.ts";
import { updateImage } from "../image/update-image.ts";
import { updateChart } from "../charts/update-chart.ts";
import type { ChartUpdateOutcome } from "../charts/chart-update-outcome.ts";
import { rollbackApp, type RollbackOutcome } from "../rollback/rollback-app.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { appForJob } from "../apps/app-for-job.ts";
import type { TearDown } from "../apps/tear-down-generated.ts";
import { runNotifyJob } from "../notify/run-notify-job.ts";
import type { NotifyOutcome } from "../../core/queue/notifications.ts";

export type JobOutcome = ({ kind: "image-update" } & ImageUpdateOutcome) | ({ kind: "chart-update" } & ChartUpdateOutcome) | { kind: "sync"; app: string; sync: SyncOutcome } | ({ kind: "check" } & CheckOutcome)
  | ({ kind: "rollback" } & RollbackOutcome) | ({ kind: "removed" } & TearDown) | ({ kind: "notify" } & NotifyOutcome);

/**
 * Runs one job from the queue. Its errors say whether to retry (`retryOf`): PermanentJobError
 * and adapter errors with `retry: "never"` are reported and dropped; the rest go back to the queue.
 */
export async function runJob(job: Job, deps: WorkerDeps): Promise<JobOutcome> {
  // A notification names an app that may be gone (a review app removed): it needs no app to be sent.
  if (job.kind === "notify") return { kind: "notify", ...(await runNotifyJob(job, deps)) };
  const found = await appForJob(job, deps);
  if ("removed" in found) return { kind: "removed", ...found.removed };
  const { app } = found;
  deps.logger.info("job started", { kind: job.kind, app: job.app, deliveryId: job.deliveryId });

  if (job.kind === "image-update") {
    const image = app.images.find((i) => i.repository === job.repository);
    if (!image) throw new PermanentJobError(`app ${app.name} does not track ${job.repository}`);
    const outcome = await updateImage(job, app, image, deps);
    deps.logger.info("job done", { kind: job.kind, app: app.name, deliveryId: job.deliveryId, status: outcome.status, reason: outcome.reason, sync: outcome.sync?.status });
    return { kind: "image-update", ...outcome };
  }

  if (job.kind === "chart-update") {
    const outcome = await updateChart(job, app, deps);
    deps.logger.info("job done", { kind: job.kind, app: app.name, deliveryId: job.deliveryId, status: outcome.status, reason: outcome.reason, sync: outcome.sync?.status });
    return { kind: "chart-update", ...outcome };
  }

  if (job.kind === "check") {
    const outcome = await checkApp(job, app, deps);
    deps.logger.info("job done", { kind: job.kind, app: app.name, deliveryId: job.deliveryId, status: outcome.status, drifted: outcome.drifted.length });
    return { kind: "check", ...outcome };
  }

  if (job.kind === "rollback") {
    const outcome = await rollbackApp(job, app, deps);
    deps.logger.info("job done", { kind: job.kind, app: app.name, deliveryId: job.deliveryId, status: outcome.status, sync: outcome.sync.status });
    return { kind: "rollback", ...outcome };
  }

  const auth = await gitAuthFor(app.source.repo, deps);
  // Webhook and sweep jobs name the head they saw; the branch head now is at least as new, so sync that.
  // Only a person (`sluice sync --revision`) picks an exact revision: a rollback, or a roll forward again.
  const revision = job.trigger === "manual" ? job.revision : undefined;
  if (revision && app.syncPolicy.automated && revision !== await deps.git.headOf(app.source.repo, app.source.branch, auth)) {
    throw new PermanentJobError(`${app.name}: cannot roll back to ${revision.slice(0, 12)} while automated sync would undo it at the next sweep; set syncPolicy.automated: false for this app first`);
  }
  let workspace;
  try {
    workspace = await deps.git.checkout(app.source.repo, app.source.branch, auth, revision ? { revision } : undefined);
  } catch (error) {
    // A revision not in the history, a repository the host does not have: the app's name says whose.
    if (retryOf(error) === "never" && error instanceof Error) throw new PermanentJobError(`${app.name}: ${error.message}`, { cause: error });
    throw error;
  }
  try {
    const sync = await syncApp(app, workspace, { trigger: job.trigger, deliveryId: job.deliveryId, provider: job.provider }, deps);
    deps.logger.info("job done", { kind: job.kind, app: app.name, deliveryId: job.deliveryId, sync: sync.status });
    return { kind: "sync", app: app.name, sync };
  } finally {
    await workspace.dispose();
  }
}
