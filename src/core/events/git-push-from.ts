import { normalizeGitUrl } from "../config/normalize-git-url.ts";
import type { GitPushEvent, PushedCommit } from "./internal-event.ts";

/** A commit as git hosts describe it in push payloads; file lists are absent when the host does not send them. */
export interface HostCommit extends PushedCommit {
  added?: readonly string[];
  modified?: readonly string[];
  removed?: readonly string[];
}

/** What a provider read from a push payload, before the rules every git host shares. */
export interface HostPush {
  provider: string;
  eventId: string;
  repositoryUrls: readonly (string | null | undefined)[];
  /** Full ref name, `refs/heads/main` or `refs/tags/v1`. */
  ref: string;
  before?: string;
  after: string;
  commits: readonly HostCommit[];
  /** The number of commits in the push when the host says so (it may list fewer). */
  totalCommits?: number;
  /** The most commits the host lists: a list this long may have been cut. */
  listLimit?: number;
  forced?: boolean;
  created?: boolean;
  /** False when the host says its commit list was cut. */
  complete?: boolean;
}

const ZERO = /^0+$/;

/**
 * Applies the rules shared by every git host: which refs count, deletions, and when the
 * listed paths are the whole change. When in doubt the paths are left unknown, so every
 * app on the branch syncs: a missed deploy is worse than a needless sync.
 */
export function gitPushFrom(push: HostPush): { event: GitPushEvent } | { ignored: string } {
  const ref = parseRef(push.ref);
  if (!ref) return { ignored: `push to ${push.ref}: only branches and tags are followed` };
  if (ZERO.test(push.after)) {
    // A deleted branch deploys nothing, but an app set generating an app per branch removes one.
    if (ref.type === "branch") return { event: deletedBranch(push, ref) };
    return { ignored: `${ref.type} ${ref.name} deleted: nothing to deploy` };
  }
  if (!/^[0-9a-f]{40}$/.test(push.after)) return { ignored: `push to ${push.ref} names no commit (after: ${push.after.slice(0, 64)})` };

  const listed = push.commits.length;
  const cut = (push.totalCommits !== undefined && push.totalCommits > listed)
    || (push.listLimit !== undefined && listed >= push.listLimit)
    || push.complete === false;
  const commitsComplete = listed > 0 && !cut;
  // A new branch or a forced push changes more than its listed commits say; so does a list that was cut.
  const pathsKnown = commitsComplete && !push.forced && !push.created && !(push.before !== undefined && ZERO.test(push.before))
    && push.commits.every((c) => c.added && c.modified && c.removed);
  const changedPaths = pathsKnown
    ? [...new Set(push.commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]))]
    : undefined;

  const repositoryUrls = push.repositoryUrls.filter((u): u is string => typeof u === "string" && u !== "");
  return {
    event: {
      kind: "git-push",
      provider: push.provider,
      eventId: push.eventId,
      repositoryUrls,
      repositoryKeys: [...new Set(repositoryUrls.map(normalizeGitUrl))],
      ref,
      after: push.after,
      commits: push.commits.map(({ id, message, authorName, authorEmail }) => ({
        id, message, ...(authorName !== undefined ? { authorName } : {}), ...(authorEmail !== undefined ? { authorEmail } : {}),
      })),
      commitsComplete,
      ...(changedPaths ? { changedPaths } : {}),
    },
  };
}

function deletedBranch(push: HostPush, ref: GitPushEvent["ref"]): GitPushEvent {
  const repositoryUrls = push.repositoryUrls.filter((u): u is string => typeof u === "string" && u !== "");
  const repositoryKeys = [...new Set(repositoryUrls.map(normalizeGitUrl))];
  return { kind: "git-push", provider: push.provider, eventId: push.eventId, repositoryUrls, repositoryKeys, ref, after: push.after, commits: [], commitsComplete: false, deleted: true };
}

function parseRef(ref: string): GitPushEvent["ref"] | undefined {
  if (ref.startsWith("refs/heads/") && ref.length > 11) return { type: "branch", name: ref.slice(11) };
  if (ref.startsWith("refs/tags/") && ref.length > 10) return { type: "tag", name: ref.slice(10) };
  return undefined;
}
