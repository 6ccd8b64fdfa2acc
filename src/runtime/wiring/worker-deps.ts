import { join } from "node:path";
import type { ClusterAccessDeps } from "../../adapters/kube/kube-config-for.ts";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import { SecretResolver, type SecretSources } from "../../adapters/secrets/secret-resolver.ts";
import { BranchCommitter } from "../../adapters/git/branch-committer.ts";
import { IsomorphicGitRemotes } from "../../adapters/git/isomorphic-git-remotes.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import { awsEcrTokens } from "../../adapters/registry/aws-ecr-tokens.ts";
import { Registries } from "../../adapters/registry/registries.ts";
import { withRetry } from "../../adapters/http/send-with-retry.ts";
import { undiciTransport } from "../../adapters/http/undici-transport.ts";
import { runCommand } from "../../adapters/render/command-runner.ts";
import { RenderCache } from "../../adapters/render/render-cache.ts";
import type { SweepDeps } from "../../jobs/sweep/run-sweep.ts";
import { SharedCheckouts } from "../../adapters/git/shared-checkouts.ts";
import { sweepDepsFrom } from "../../jobs/sweep/sweep-deps-from.ts";
import type { WorkerDeps } from "../../jobs/deps/worker-deps.ts";
import { commitMessage } from "../../engine/writeback/commit-message.ts";
import { destinations } from "./destinations.ts";
import { chartSourcesOf } from "./chart-sources-of.ts";
import { appIndexReader } from "./app-index-reader.ts";
import { ledgerOf } from "./app-ledger.ts";
import type { AppIndexReader } from "../../core/apps/app-index-reader.ts";
import type { GeneratedAppLedger } from "../../core/apps/generated-app-ledger.ts";
import type { RuntimeEnv } from "./read-env.ts";
import { notificationsOf } from "./notifications-of.ts";
import { jsonnetWasm } from "./jsonnet-wasm.ts";

export interface WorkerParts {
  config: SluiceConfig;
  env: RuntimeEnv;
  logger: Logger;
  secretSources: SecretSources;
  tools: { helm: string; kubectl: string; jsonnet?: string };
  /** How to reach EKS clusters; absent where there are none (locally, in tests). */
  aws?: Pick<ClusterAccessDeps, "describeEks" | "awsCredentials">;
  /** The job queue, for follow-up jobs (a sync waiting for a wave); absent: syncs wait in process. */
  queue?: JobQueue;
  /** The app index, when the process shares one with its intake (locally); else one is read for the worker. */
  apps?: AppIndexReader;
  /** Where generated apps' lifecycle is kept; by default beside the first cluster's records, or under the work folder. */
  ledger?: GeneratedAppLedger;
}

/** Wires the worker function: git, renderer, cluster clients; built once per process. */
export async function buildWorkerDeps(parts: WorkerParts): Promise<WorkerDeps> {
  const secrets = new SecretResolver(parts.secretSources);
  const git = new IsomorphicGitRemotes(join(parts.env.SLUICE_WORK_DIR, "sluice-work"));
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const clock = { now: () => Date.now(), sleep };
  const apps = parts.apps ?? appIndexReader(parts.config, { git, secrets, logger: parts.logger });
  return {
    config: parts.config,
    appIndex: (options) => (options?.fresh ? apps.refresh() : apps.current()),
    ...ledgerOf(parts, secrets),
    // Jobs that only read a revision share one checkout of it; commits go through `commits` below.
    git: new SharedCheckouts(git),
    secrets,
    render: { ...parts.tools, jsonnet: parts.tools.jsonnet ?? jsonnetWasm(), run: runCommand, timeoutMs: parts.env.SLUICE_RENDER_TIMEOUT_MS, cache: new RenderCache(), charts: chartSourcesOf(parts, secrets, clock) },
    destinationFor: destinations(parts.config, { secrets, region: parts.env.AWS_REGION, ...parts.aws }),
    logger: parts.logger,
    now: () => new Date(),
    sleep,
    registries: new Registries(parts.config.registries, {
      // Blob downloads are redirected to storage; Authorization is dropped across origins.
      http: undiciTransport({ redirect: "follow" }),
      secrets,
      clock,
      ecrTokens: awsEcrTokens(),
    }),
    commits: new BranchCommitter({
      git,
      author: parts.config.git.author,
      message: (applied) => commitMessage(parts.config.git.commit, applied),
      maxPushAttempts: parts.env.SLUICE_PUSH_ATTEMPTS,
      gatherMs: 25,
      sleep,
      logger: parts.logger,
    }),
    hostingHttp: withRetry(undiciTransport({ redirect: "follow" }), { clock, maxAttempts: 3 }),
    ...(parts.queue ? { queue: parts.queue } : {}),
    ...notificationsOf(parts, secrets, () => apps.current(), clock),
  };
}

/** Wires the sweep from the worker's parts (git, registries, destinations) and a queue. */
export function buildSweepDeps(worker: WorkerDeps, queue: JobQueue): SweepDeps {
  return sweepDepsFrom(worker, queue);
}
