import type { AppConfig, ImageConfig } from "../config/app-config.ts";
import { NonFastForwardError, PushRefusedError } from "../gitops/git-errors.ts";
import type { GitAuthor, GitWorkspace } from "../gitops/git-workspace.ts";
import { isDowngrade, semverRefusal } from "../policy/semver-policy.ts";
import type { ImageUpdateJob } from "../queue/job.ts";
import { WriteBackError } from "../writeback/write-back-error.ts";
import { writeImage } from "../writeback/write-image.ts";
import { gitAuthFor } from "./git-auth-for.ts";
import { PermanentJobError } from "./permanent-job-error.ts";
import { syncApp, type SyncOutcome } from "./sync-app.ts";
import type { WorkerDeps } from "./worker-deps.ts";

export interface ImageUpdateOutcome {
  app: string;
  status: "committed" | "unchanged" | "skipped";
  reason?: string;
  from?: string;
  to?: string;
  commit?: string;
  sync?: SyncOutcome;
}

/**
 * Writes a pushed tag into the app's GitOps repo when its policy allows it and it is
 * not a downgrade, commits and pushes (re-fetching and re-applying on a lost race),
 * then syncs the app at the resulting revision.
 */
export async function updateImage(job: ImageUpdateJob, app: AppConfig, image: ImageConfig, deps: WorkerDeps): Promise<ImageUpdateOutcome> {
  const refusal = semverRefusal(job.tag, image.policy);
  if (refusal) return { app: app.name, status: "skipped", reason: refusal };
  const auth = await gitAuthFor(app.source.repo, deps);

  for (let attempt = 1; ; attempt++) {
    const workspace = await deps.git.checkout(app.source.repo, app.source.branch, auth);
    try {
      const edit = await editFile(job, app, image, workspace, deps.config.git.author);
      if (edit.status === "skipped") return edit;
      if (edit.status === "committed") {
        try {
          await workspace.push();
        } catch (error) {
          if (error instanceof NonFastForwardError && attempt < deps.maxPushAttempts) {
            deps.logger.info("push lost a race; retrying", { app: app.name, attempt, deliveryId: job.deliveryId });
            await deps.sleep(Math.round((2 ** attempt) * 50 * (0.5 + Math.random())));
            continue;
          }
          if (error instanceof PushRefusedError || error instanceof NonFastForwardError) throw new PermanentJobError(error.message, { cause: error });
          throw error;
        }
        deps.logger.info("image bumped", { app: app.name, repository: job.repository, from: edit.from, to: edit.to, commit: edit.commit, deliveryId: job.deliveryId });
      }
      const sync = await syncApp(app, workspace, { trigger: "image-update", deliveryId: job.deliveryId }, deps);
      return { ...edit, sync };
    } finally {
      await workspace.dispose();
    }
  }
}

async function editFile(job: ImageUpdateJob, app: AppConfig, image: ImageConfig, workspace: GitWorkspace, author: GitAuthor): Promise<ImageUpdateOutcome> {
  const file = image.write.file;
  let content: string;
  try {
    content = await workspace.readFile(file);
  } catch (error) {
    throw new PermanentJobError(`${app.name}: cannot read ${file} in ${app.source.repo}: ${(error as Error).message}`, { cause: error });
  }
  let written: ReturnType<typeof writeImage>;
  try {
    written = writeImage(content, image.write, { repository: job.repository }, { tag: job.tag, ...(job.digest ? { digest: job.digest } : {}) });
  } catch (error) {
    if (error instanceof WriteBackError) throw new PermanentJobError(`${app.name}: ${error.message}`, { cause: error });
    throw error;
  }
  const from = written.old.tag;
  if (!written.changed) return { app: app.name, status: "unchanged", to: job.tag, ...(from ? { from } : {}) };
  if (from && isDowngrade(from, job.tag)) {
    return { app: app.name, status: "skipped", reason: `${job.tag} is older than ${from} in git: never a downgrade`, from, to: job.tag };
  }
  await workspace.writeFile(file, written.content);
  const message = `[skip ci] sluice: ${app.name} ${job.repository} ${from ?? "(none)"} -> ${job.tag}\n\nSluice-Delivery: ${job.deliveryId}\n`;
  const commit = await workspace.commit(message, [file], author);
  return { app: app.name, status: "committed", to: job.tag, commit, ...(from ? { from } : {}) };
}
