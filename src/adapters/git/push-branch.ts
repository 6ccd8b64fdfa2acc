import * as fs from "node:fs";
import git, { Errors } from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { NonFastForwardError, PushRefusedError } from "./git-errors.ts";
import type { GitAuth } from "./git-workspace.ts";

/** receive-pack's words for a ref that moved between its advertisement and the update. */
const LOST_RACE = /failed to update ref|cannot lock ref|fetch first|non-fast-forward|stale info|incorrect old value/i;

/**
 * Pushes local branch `branch` of the repo in `dir` to `remoteBranch` of `url`, never forced.
 * A lost race throws NonFastForwardError; a refusal (a hook, a protected branch, no access)
 * throws PushRefusedError with what the server said, hook output included.
 */
export async function pushBranch(dir: string, url: string, branch: string, remoteBranch: string, onAuth: (() => GitAuth) | undefined): Promise<void> {
  // What the server's hooks print (git's "remote:" lines) is the reason a person needs to read.
  const remote: string[] = [];
  const onMessage = (message: string) => void remote.push(...message.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
  const said = () => (remote.length ? ` (${remote.join(" / ")})` : "");
  try {
    const result = await git.push({ fs, http, dir, url, ref: branch, remoteRef: remoteBranch, onAuth, onMessage });
    if (!result.ok) throw new PushRefusedError(`push to ${url} ${remoteBranch} refused: ${result.error ?? "unknown reason"}${said()}`, { url });
  } catch (error) {
    if (error instanceof Errors.PushRejectedError && error.data.reason === "not-fast-forward") {
      throw new NonFastForwardError(`${remoteBranch} of ${url} moved during the update`, { url, cause: error });
    }
    if (error instanceof Errors.GitPushError) {
      const details = error.data.prettyDetails.trim();
      // Two pushes that pass the server's check at once: the loser's ref update fails. A lost race, not a refusal.
      if (LOST_RACE.test(details)) throw new NonFastForwardError(`${remoteBranch} of ${url} moved during the update: ${details}`, { url, cause: error });
      throw new PushRefusedError(`push to ${url} ${remoteBranch} refused: ${details}${said()}`, { url, cause: error });
    }
    if (error instanceof Errors.HttpError && [401, 403].includes(error.data.statusCode)) {
      throw new PushRefusedError(`push to ${url} refused: HTTP ${error.data.statusCode}`, { url, cause: error });
    }
    throw error;
  }
}
