import type { AppConfig } from "../../core/config/app-config.ts";
import { readCommitInfo, type CommitInfo } from "../../adapters/git/read-commit-info.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { ApiDeps } from "./api-deps.ts";

/** Commit subjects and authors by SHA: a commit never changes, so one read per SHA for the life of the process. */
export type CommitCache = Map<string, Promise<CommitInfo | undefined>>;

/**
 * The subject and author of the commit an app runs, read from git once per SHA (a checkout of that
 * revision). Undefined when git cannot give it (a shallow history, an unreachable remote): the row
 * then shows the SHA alone, and the failure is not cached, so the next listing tries again.
 */
export function commitOf(app: AppConfig, sha: string, deps: Pick<ApiDeps, "git" | "config" | "secrets">, cache: CommitCache): Promise<CommitInfo | undefined> {
  const key = `${app.source.repo}@${sha}`;
  const known = cache.get(key);
  if (known) return known;
  const read = (async () => {
    try {
      const workspace = await deps.git.checkout(app.source.repo, app.source.branch, await gitAuthFor(app.source.repo, deps), { revision: sha });
      try {
        return await readCommitInfo(workspace.dir, sha);
      } finally {
        await workspace.dispose();
      }
    } catch {
      return undefined;
    }
  })();
  cache.set(key, read);
  void read.then((info) => { if (!info) cache.delete(key); });
  return read;
}
