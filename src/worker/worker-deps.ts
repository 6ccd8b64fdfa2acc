import type { AppConfig, SluiceConfig } from "../config/app-config.ts";
import type { SecretResolver } from "../config/secret-resolver.ts";
import type { Destination } from "../destination/destination.ts";
import type { BranchCommitter } from "../gitops/branch-committer.ts";
import type { GitRemotes } from "../gitops/git-workspace.ts";
import type { HostingHttp } from "../gitops/hosting-http.ts";
import type { Logger } from "../log/logger.ts";
import type { Registries } from "../registry/registries.ts";
import type { RenderTools } from "../render/render-app.ts";

export interface WorkerDeps {
  config: SluiceConfig;
  git: GitRemotes;
  secrets: SecretResolver;
  render: RenderTools;
  destinationFor(app: AppConfig): Destination;
  logger: Logger;
  now(): Date;
  /** Attempts at a push that keeps losing the race to other writers. */
  maxPushAttempts: number;
  /** Waits between push attempts; injectable so tests need not wait. */
  sleep(ms: number): Promise<void>;
  /** One registry client per host, shared by every job of the process (tokens, budget, caches). */
  registries: Registries;
  /** Commits image bumps per branch, coalescing those that arrive together; shared by every job of the process. */
  commits: BranchCommitter;
  /** Talks to GitHub's and GitLab's REST APIs for apps that propose bumps as pull requests. */
  hostingHttp: HostingHttp;
}
