import type { ChangeRequestEvent } from "./change-request-event.ts";

/** A new tag (or digest) pushed to an image repository, whatever registry reported it. */
export interface ImagePushEvent {
  kind: "image-push";
  /** The provider that delivered it, e.g. `distribution`. */
  provider: string;
  /** Identifies the event across retries of the sender: the basis of deduplication. */
  eventId: string;
  /** Normalised repository, as `normalizeRepository` spells it and config's `images[].repository` is. */
  repository: string;
  tag: string;
  digest?: string;
}

/** One commit of a git push, as much of it as matching needs. */
export interface PushedCommit {
  id: string;
  message: string;
  authorName?: string;
  authorEmail?: string;
}

/** A branch or tag moved in a git repository, whatever git host reported it. */
export interface GitPushEvent {
  kind: "git-push";
  provider: string;
  eventId: string;
  /** Every URL the sender gives for the repository (clone, ssh, web), as sent, for messages. */
  repositoryUrls: string[];
  /** The same URLs normalised (`normalizeGitUrl`): what apps' `source.repoKey` is compared with. */
  repositoryKeys: string[];
  ref: { type: "branch" | "tag"; name: string };
  /** The pushed head commit. */
  after: string;
  commits: PushedCommit[];
  /** True when `commits` lists every commit the push added; senders cap their lists. */
  commitsComplete: boolean;
  /** Paths the push changed; undefined when the sender does not list them all, so every path counts as changed. */
  changedPaths?: string[];
  /** The branch was deleted (`after` is all zeros): nothing deploys, but generated apps may go. */
  deleted?: boolean;
}

/** The one internal event type every provider parses its payloads into. */
export type InternalEvent = ImagePushEvent | GitPushEvent | ChangeRequestEvent;
