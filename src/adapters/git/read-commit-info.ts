import * as fs from "node:fs";
import git from "isomorphic-git";

/** A commit as a message names it. */
export interface CommitInfo {
  sha: string;
  subject: string;
  author: string;
}

/**
 * The subject and author of a commit in a checkout. Undefined when the checkout does not hold it (a
 * folder that is no repository, a shallow history): a message then names the SHA alone.
 */
export async function readCommitInfo(dir: string, sha: string): Promise<CommitInfo | undefined> {
  try {
    const { commit } = await git.readCommit({ fs, dir, oid: sha });
    return { sha, subject: commit.message.split("\n")[0]?.trim() ?? "", author: `${commit.author.name} <${commit.author.email}>` };
  } catch (error) {
    if (error instanceof Error) return undefined; // NotFoundError and the like: the message does without
    throw error;
  }
}
