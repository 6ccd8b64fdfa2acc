import type { HttpTransport } from "../http/http-transport.ts";
import { undiciTransport } from "../http/undici-transport.ts";
import { GitHubAppToken, type GitHubAppInstallation } from "./github-app-token.ts";

// One token holder per installation and key for the life of the process (a Lambda container), so a token is reused across jobs.
const holders = new Map<string, GitHubAppToken>();

/** The token holder of an installation, made once per app, installation, API and key. */
export function githubAppTokens(app: GitHubAppInstallation, http: HttpTransport = undiciTransport()): GitHubAppToken {
  const key = JSON.stringify([app.apiUrl, app.appId, app.installationId, app.privateKey]);
  let holder = holders.get(key);
  if (!holder) {
    holder = new GitHubAppToken(app, http);
    holders.set(key, holder);
  }
  return holder;
}
