import type { PushedCommit } from "../../core/events/internal-event.ts";

/** The subject prefix and trailer of the commits Sluice writes (see the worker's write-back). */
export const OWN_SUBJECT_PREFIX = "[skip ci] sluice:";
export const OWN_TRAILER = "Sluice-Delivery:";

/** True when Sluice made this commit: its subject, its trailer, or the configured author's email. */
export function isOwnCommit(commit: PushedCommit, author: { email: string }): boolean {
  if (commit.message.trimStart().startsWith(OWN_SUBJECT_PREFIX)) return true;
  if (commit.message.split(/\r?\n/).some((line) => line.startsWith(OWN_TRAILER))) return true;
  return commit.authorEmail !== undefined && commit.authorEmail.toLowerCase() === author.email.toLowerCase();
}
