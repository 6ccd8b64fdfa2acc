import type { GitAuth } from "../../adapters/git/git-workspace.ts";
import { githubAppTokens } from "../../adapters/hosting/github-app-tokens.ts";
import type { WorkerDeps } from "./worker-deps.ts";

/** Credentials for a repo URL: the configured entry with the longest matching prefix (a GitHub App's token), if any. */
export async function gitAuthFor(url: string, deps: Pick<WorkerDeps, "config" | "secrets">): Promise<GitAuth | undefined> {
  const match = deps.config.git.credentials
    .filter((c) => url.startsWith(c.urlPrefix))
    .sort((a, b) => b.urlPrefix.length - a.urlPrefix.length)[0];
  if (!match) return undefined;
  if ("password" in match) return { username: match.username, password: await deps.secrets.resolve(match.password) };
  // GitHub takes an installation token as the password of the user x-access-token.
  const app = { ...match.githubApp, privateKey: await deps.secrets.resolve(match.githubApp.privateKey) };
  return { username: "x-access-token", password: await githubAppTokens(app).token() };
}
