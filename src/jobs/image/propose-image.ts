import type { AppConfig, ImageConfig } from "../../core/config/app-config.ts";
import type { ChangeRequests } from "../../adapters/hosting/change-requests.ts";
import { GitHubPullRequests } from "../../adapters/hosting/github-pull-requests.ts";
import { GitLabMergeRequests } from "../../adapters/hosting/gitlab-merge-requests.ts";
import type { ImageUpdateJob } from "../../core/queue/job.ts";
import { bumpLine } from "../../engine/writeback/commit-message.ts";
import type { PullRequestConfig } from "../../core/config/write-back-config.ts";
import type { ChosenTag } from "./choose-tag.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { githubAppTokens } from "../../adapters/hosting/github-app-tokens.ts";
import { imageEdit } from "../../engine/writeback/image-edit.ts";
import { readImage } from "../../engine/writeback/write-image.ts";
import type { GitAuth } from "../../adapters/git/git-workspace.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { refusedPushIsPermanent } from "./refused-push-is-permanent.ts";
import type { ImageUpdateOutcome } from "./image-update-outcome.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";

export interface Proposal {
  readonly job: ImageUpdateJob;
  readonly app: AppConfig;
  readonly image: ImageConfig;
  readonly repository: string;
  readonly chosen: ChosenTag;
  readonly pullRequest: PullRequestConfig;
}

/**
 * For apps that want a human to approve: commits the bump to a branch of its own
 * (`<prefix><app>/<image>-<tag>`, created from the tracked branch, never forced) and opens
 * a pull or merge request into the tracked branch. A retried job finds its branch and its
 * request already there and opens nothing twice. The tracked branch is untouched, so the
 * app is not synced.
 */
export async function proposeImage(proposal: Proposal, deps: WorkerDeps): Promise<ImageUpdateOutcome> {
  const { job, app, repository, chosen } = proposal;
  const branch = `${proposal.pullRequest.branchPrefix}${app.name}/${repository.split("/").pop() ?? "image"}-${chosen.tag}`;
  const auth = await gitAuthFor(app.source.repo, deps);
  const requests = await changeRequests(proposal.pullRequest, deps);
  const open = async (title: string, from: string | undefined): Promise<ImageUpdateOutcome> => {
    try {
      const opened = await requests.open({ title, head: branch, base: app.source.branch, body: `Sluice proposes ${repository} ${from ?? "(none)"} -> ${chosen.tag} for ${app.name}.\n\nSluice-Delivery: ${job.deliveryId}\n` });
      deps.logger.info("image bump proposed", { app: app.name, repository, to: chosen.tag, pullRequest: opened.url, existed: opened.existed, deliveryId: job.deliveryId });
      return { app: app.name, status: "proposed", to: chosen.tag, ...(from ? { from } : {}), pullRequest: opened.url };
    } catch (error) {
      if (retryOf(error) === "never" && error instanceof Error) throw new PermanentJobError(`${app.name}: ${error.message}`, { cause: error });
      throw error;
    }
  };

  const images = app.images.filter((i) => i.repository === repository);
  if (await deps.git.headOf(app.source.repo, branch, auth)) {
    // A retry after the branch was pushed: the tracked branch still says what is being replaced.
    const from = await trackedTag(app, images, repository, deps, auth);
    return open(bumpLine(deps.config.git.commit.message, { app: app.name, image: repository, from, to: chosen.tag }), from);
  }
  const edit = imageEdit({ app, images, repository, chosen, lastWritten: undefined, template: deps.config.git.commit.message, deliveryId: job.deliveryId });
  const landed = await refusedPushIsPermanent(app.name, deps.commits.submit({ url: app.source.repo, branch: app.source.branch, auth, pushTo: branch }, edit));
  // The tracked branch did not move: there is nothing to sync from the checkout.
  await landed.release();
  const { value, commit } = landed;
  if (!commit) return { app: app.name, status: value.status, to: value.to, ...(value.from ? { from: value.from } : {}), ...(value.reason ? { reason: value.reason } : {}) };
  return open(bumpLine(deps.config.git.commit.message, { app: app.name, image: repository, from: value.from, to: value.to }), value.from);
}

/** The tag the tracked branch holds for the image, at its first place. */
async function trackedTag(app: AppConfig, images: readonly ImageConfig[], repository: string, deps: WorkerDeps, auth: GitAuth | undefined): Promise<string | undefined> {
  const first = images[0];
  if (!first) return undefined;
  const workspace = await deps.git.checkout(app.source.repo, app.source.branch, auth);
  try {
    return readImage(await workspace.readFile(first.write.file), first.write, { repository }).tag;
  } finally {
    await workspace.dispose();
  }
}

/** The pull request API's token: the configured one, or the GitHub App installation's current one. */
async function githubToken(github: NonNullable<PullRequestConfig["github"]>, deps: WorkerDeps): Promise<string> {
  if (github.token) return deps.secrets.resolve(github.token);
  if (!github.githubApp) throw new PermanentJobError("writeBack.pullRequest.github names neither token nor githubApp");
  const app = { ...github.githubApp, privateKey: await deps.secrets.resolve(github.githubApp.privateKey) };
  return githubAppTokens(app, deps.hostingHttp).token();
}

async function changeRequests(config: PullRequestConfig, deps: WorkerDeps): Promise<ChangeRequests> {
  if (config.github) return new GitHubPullRequests(deps.hostingHttp, config.github.apiUrl, config.github.repository, await githubToken(config.github, deps));
  if (config.gitlab) return new GitLabMergeRequests(deps.hostingHttp, config.gitlab.apiUrl, config.gitlab.project, await deps.secrets.resolve(config.gitlab.token));
  throw new PermanentJobError("writeBack.pullRequest names neither github nor gitlab");
}
