import type { AppConfig, SluiceConfig } from "../../core/config/app-config.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import type { GitRemotes } from "../../adapters/git/git-workspace.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import type { Registries } from "../../adapters/registry/registries.ts";
import type { SnapshotCache } from "../sync/snapshot-cache.ts";
import type { ChartSources } from "../../adapters/charts/chart-sources.ts";
import type { SweepStateStore } from "./sweep-state.ts";
import type { SweptDestination } from "./swept-destination.ts";
import type { AppIndex } from "../../core/apps/app-index.ts";
import type { GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";
import type { Notifications } from "../../core/queue/notifications.ts";

/** What a sweep reads from and where it puts jobs; every side effect is one of these. */
export interface SweepDeps {
  config: SluiceConfig;
  /** Every app (inline, from app sources, generated), read fresh by each sweep; without one, the inline apps. */
  appIndex?(options?: { fresh?: boolean }): Promise<AppIndex>;
  /** Generated apps Sluice brought up: one no longer in the index gets a sync job, which removes it. */
  ledger?: GeneratedAppLedger | undefined;
  /** Head queries, and a shallow checkout of a branch head that moved. */
  git: GitRemotes;
  secrets: SecretResolver;
  queue: JobQueue;
  /** One client per registry host, with its request budget. */
  registries: Pick<Registries, "for">;
  /** The sweep's view of the app's destination; throws for a cluster that is not configured. */
  targetFor(app: AppConfig): SweptDestination;
  /**
   * The process's own copy of the sweep's state, read first: the clusters' copies are read only
   * when it has none (a cold start), so a backed-off cluster is not called to learn it is backed off.
   */
  localState: SweepStateStore;
  snapshots: SnapshotCache;
  /** Chart repositories, so a new chart version a range allows is seen as a source change. */
  charts?: ChartSources;
  logger: Logger;
  /** Says which apps became unknown; off when absent. */
  notifications?: Notifications | undefined;
  now(): Date;
}
