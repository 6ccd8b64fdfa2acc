import type { AppConfig, SluiceConfig } from "../../core/config/app-config.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { BranchCommitter } from "../../adapters/git/branch-committer.ts";
import type { GitRemotes } from "../../adapters/git/git-workspace.ts";
import type { HttpTransport } from "../../adapters/http/http-transport.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { Registries } from "../../adapters/registry/registries.ts";
import type { RenderTools } from "../../adapters/render/render-app.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import type { Notifications } from "../../core/queue/notifications.ts";
import type { GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";

export interface WorkerDeps {
  config: SluiceConfig;
  /** Every app Sluice knows now (inline, from app sources, generated); read apps here, not from config.apps. */
  appIndex(options?: { fresh?: boolean }): Promise<AppIndex>;
  /** What Sluice did to bring up each generated app (values file, namespace), to undo it when the app goes. */
  ledger?: GeneratedAppLedger;
  git: GitRemotes;
  secrets: SecretResolver;
  render: RenderTools;
  destinationFor(app: AppConfig): Destination;
  logger: Logger;
  now(): Date;
  /** Waits between health polls after a sync; injectable so tests need not wait. */
  sleep(ms: number): Promise<void>;
  /** One registry client per host, shared by every job of the process (tokens, budget, caches). */
  registries: Registries;
  /** Commits image bumps per branch, coalescing those that arrive together; shared by every job of the process. */
  commits: BranchCommitter;
  /** Talks to GitHub's and GitLab's REST APIs for apps that propose bumps as pull requests. */
  hostingHttp: HttpTransport;
  /** Queues notifications and delivers notify jobs; notifications are off when absent. */
  notifications?: Notifications;
  /** Where a job queues its follow-up (a sync waiting for a wave or hook); none: it waits in process. */
  queue?: JobQueue;
}
