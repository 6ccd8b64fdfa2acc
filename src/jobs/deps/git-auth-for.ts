import type { GitAuth } from "../../adapters/git/git-workspace.ts";
import type { WorkerDeps } from "./worker-deps.ts";

/** Credentials for a repo URL: the configured entry with the longest matching prefix, if any. */
export async function gitAuthFor(url: string, deps: Pick<WorkerDeps, "config" | "secrets">): Promise<GitAuth | undefined> {
  const match = deps.config.git.credentials
    .filter((c) => url.startsWith(c.urlPrefix))
    .sort((a, b) => b.urlPrefix.length - a.urlPrefix.length)[0];
  if (!match) return undefined;
  return { username: match.username, password: await deps.secrets.resolve(match.password) };
}
