import type { AppConfig, ImageConfig } from "../../core/config/app-config.ts";
import type { ImageUpdateJob } from "../../core/queue/job.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import { imageEdit } from "../../engine/writeback/image-edit.ts";
import { chooseTag } from "./choose-tag.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { ImageUpdateOutcome } from "./image-update-outcome.ts";
import { proposeImage } from "./propose-image.ts";
import { refusedPushIsPermanent } from "./refused-push-is-permanent.ts";
import { withImageState } from "./with-image-state.ts";
import { syncRevision } from "../sync/sync-revision.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { notifyAfterImage } from "./notify-after-image.ts";
import { withRecordSessions } from "../sync/record-session.ts";

/**
 * Moves one image of an app to the newest tag its policy allows in the registry (the job's
 * tag is a hint), writing it byte for byte into the GitOps repo. The commit is shared with
 * the other bumps pending for the same branch, and pushed with re-apply on a lost race;
 * then the app is synced at the pushed head. The record is read once, before the commit
 * (the tag last written), and written once at the end: the sync's outcome with the tag
 * written, or the hold when a human rolled the image back.
 */
export async function updateImage(job: ImageUpdateJob, app: AppConfig, image: ImageConfig, shared: WorkerDeps): Promise<ImageUpdateOutcome> {
  const deps = withRecordSessions(shared);
  const repository = image.repository;
  const chosen = await chooseTag({ tag: job.tag, digest: job.digest }, image, repository, deps);
  if ("skipped" in chosen) return { app: app.name, status: "skipped", reason: chosen.skipped, to: job.tag };
  if (app.writeBack.pullRequest) {
    const proposed = await proposeImage({ job, app, image, repository, chosen, pullRequest: app.writeBack.pullRequest }, deps);
    await notifyAfterImage({ job, app, previous: undefined, outcome: proposed }, deps);
    return proposed;
  }

  const destination = deps.destinationFor(app);
  const stored = await destination.loadRecord(app.name);
  const images = app.images.filter((i) => i.repository === repository);
  const template = deps.config.git.commit.message;
  const lastWritten = stored.record?.written?.[repository];
  const edit = imageEdit({ app, images, repository, chosen, lastWritten, template, deliveryId: job.deliveryId, announced: job.tag });
  const target = { url: app.source.repo, branch: app.source.branch, auth: await gitAuthFor(app.source.repo, deps) };
  const landed = await refusedPushIsPermanent(app.name, deps.commits.submit(target, edit));
  try {
    const { value, commit } = landed;
    const { hold, ...result } = value;
    const outcome: ImageUpdateOutcome = { app: app.name, ...result, ...(commit ? { commit } : {}) };
    if (value.status === "skipped") return outcome;
    if (commit) deps.logger.info("image bumped", { app: app.name, repository, from: value.from, to: value.to, commit, deliveryId: job.deliveryId });
    if (hold) deps.logger.info("image held", { app: app.name, repository, at: hold.tag, rolledBackFrom: hold.from, deliveryId: job.deliveryId });
    const cause = { trigger: "image-update", deliveryId: job.deliveryId, provider: job.provider };
    const started = deps.now().getTime();
    const synced = await syncRevision(app, landed.workspace, cause, deps, stored.record);
    const state = { repository, ...(commit ? { written: value.to } : {}), ...(hold ? { hold } : {}) };
    // One write: the sync's change and the image state, made together on the record as it is then.
    await writeRecordChange(destination, app.name, stored, (current) => withImageState(synced.change(current) ?? current, state));
    const done = { ...outcome, sync: synced.outcome };
    const healthyAfterMs = deps.now().getTime() - started;
    await notifyAfterImage({ job, app, previous: stored.record, outcome: done, hold, workspaceDir: landed.workspace.dir, healthyAfterMs }, deps);
    return done;
  } finally {
    await landed.release();
  }
}
