import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import { appMatcher } from "../../core/apps/app-matcher.ts";
import type { GitPushEvent } from "../../core/events/internal-event.ts";
import type { QueuedJob } from "../../core/queue/job.ts";
import { syncJobDeduplicationId } from "../../core/queue/deduplication-id.ts";
import { isOwnCommit } from "./is-own-commit.ts";
import type { MatchResult } from "./match-result.ts";

/**
 * One sync job at the pushed commit for each app that follows the repository and branch
 * and renders a path the push changed. A push of only Sluice's own commits queues nothing:
 * the worker syncs right after its own push.
 */
export function matchGitPush(event: GitPushEvent, index: AppIndex, config: SluiceConfig, deliveryId: string): MatchResult {
  const repo = event.repositoryUrls[0] ?? "the repository";
  if (event.deleted) return ignore(`${event.ref.type} ${event.ref.name} deleted: nothing to deploy`);
  const matcher = appMatcher(index);
  if (matcher.followingRepo(event.repositoryKeys).length === 0) return ignore(`no app follows ${repo}`);
  if (event.ref.type === "tag") return ignore(`tag ${event.ref.name} pushed to ${repo}: apps follow branches, not tags`);
  const onBranch = matcher.followingBranch(event.repositoryKeys, event.ref.name);
  if (onBranch.length === 0) return ignore(`no app follows branch ${event.ref.name} of ${repo}`);
  if (event.commitsComplete && event.commits.every((c) => isOwnCommit(c, config.git.author))) {
    return ignore(`Sluice's own commit: ${event.after.slice(0, 12)} on ${event.ref.name} of ${repo}`);
  }

  // Unknown paths (a new branch, a forced push, a cut list) sync every app on the branch.
  const touched = event.changedPaths && matcher.touchedOnBranch(event.repositoryKeys, event.ref.name, event.changedPaths);
  const jobs: QueuedJob[] = [];
  const ignored: string[] = [];
  for (const app of onBranch) {
    if (touched && !touched.has(app)) {
      ignored.push(`${app.name}: no changed path under ${app.source.path}${app.source.paths.length ? ` or ${app.source.paths.join(", ")}` : ""}`);
      continue;
    }
    jobs.push({
      job: { kind: "sync", app: app.name, revision: event.after, deliveryId, trigger: "webhook" },
      deduplicationId: syncJobDeduplicationId(app.name, event.after),
      groupId: app.name,
    });
  }
  return { jobs, ignored };
}

const ignore = (reason: string): MatchResult => ({ jobs: [], ignored: [reason] });
