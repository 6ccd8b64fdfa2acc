import type { AppConfig, ImageConfig } from "../../core/config/app-config.ts";
import type { ImageUpdateJob } from "../../core/queue/job.ts";
import { chooseTag } from "./choose-tag.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { imageChange } from "./image-change.ts";
import { proposeImage } from "./propose-image.ts";
import { recordImageState } from "./record-image-state.ts";
import { refusedPushIsPermanent } from "./refused-push-is-permanent.ts";
import { syncApp, type SyncOutcome } from "../sync/sync-app.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";

export interface ImageUpdateOutcome {
  app: string;
  /** committed and pushed; unchanged (git has it); skipped (why in reason); held (a human's rollback); proposed (a pull request). */
  status: "committed" | "unchanged" | "skipped" | "held" | "proposed";
  reason?: string;
  from?: string;
  to?: string;
  commit?: string;
  /** The pull or merge request's URL, for apps that propose bumps. */
  pullRequest?: string;
  sync?: SyncOutcome;
}

/**
 * Moves one image of an app to the newest tag its policy allows in the registry (the job's
 * tag is a hint), writing it byte for byte into the GitOps repo. The commit is shared with
 * the other bumps pending for the same branch, and pushed with re-apply on a lost race;
 * then the app is synced at the pushed head and the record notes the tag written, or the
 * hold when a human rolled the image back.
 */
export async function updateImage(job: ImageUpdateJob, app: AppConfig, image: ImageConfig, deps: WorkerDeps): Promise<ImageUpdateOutcome> {
  const repository = image.repository;
  const chosen = await chooseTag({ tag: job.tag, digest: job.digest }, image, repository, deps);
  if ("skipped" in chosen) return { app: app.name, status: "skipped", reason: chosen.skipped, to: job.tag };
  if (app.writeBack.pullRequest) return proposeImage({ job, app, image, repository, chosen, pullRequest: app.writeBack.pullRequest }, deps);

  const record = await deps.destinationFor(app).readRecord(app.name);
  const images = app.images.filter((i) => i.repository === repository);
  const change = imageChange({ app, images, repository, chosen, lastWritten: record?.written?.[repository], template: deps.config.git.commit.message, deliveryId: job.deliveryId });
  const target = { url: app.source.repo, branch: app.source.branch, auth: await gitAuthFor(app.source.repo, deps) };
  return refusedPushIsPermanent(app.name, deps.commits.submit(target, change, async ({ value, commit, workspace }) => {
    const { hold, ...result } = value;
    const outcome: ImageUpdateOutcome = { app: app.name, ...result, ...(commit ? { commit } : {}) };
    if (value.status === "skipped") return outcome;
    if (commit) deps.logger.info("image bumped", { app: app.name, repository, from: value.from, to: value.to, commit, deliveryId: job.deliveryId });
    if (hold) deps.logger.info("image held", { app: app.name, repository, at: hold.tag, rolledBackFrom: hold.from, deliveryId: job.deliveryId });
    const sync = await syncApp(app, workspace, { trigger: "image-update", deliveryId: job.deliveryId }, deps);
    await recordImageState(app, { repository, ...(commit ? { written: value.to } : {}), ...(hold ? { hold } : {}) }, deps);
    return { ...outcome, sync };
  }));
}
