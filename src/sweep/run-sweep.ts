import { createHash } from "node:crypto";
import type { AppConfig, SluiceConfig } from "../config/app-config.ts";
import type { SecretResolver } from "../config/secret-resolver.ts";
import type { Destination } from "../destination/destination.ts";
import type { GitRemotes } from "../gitops/git-workspace.ts";
import type { Logger } from "../log/logger.ts";
import type { QueuedJob } from "../queue/job.ts";
import type { JobQueue } from "../queue/job-queue.ts";
import { gitAuthFor } from "../worker/git-auth-for.ts";

export interface SweepDeps {
  config: SluiceConfig;
  git: GitRemotes;
  secrets: SecretResolver;
  queue: JobQueue;
  /** The sweep only reads app records. */
  destinationFor(app: AppConfig): Pick<Destination, "readRecord">;
  logger: Logger;
  now(): Date;
}

export interface SweepResult {
  checkedRepos: number;
  queued: string[];
  unknown: { app: string; reason: string }[];
}

/**
 * Catches git pushes whose webhook never arrived: one head query per repo and branch,
 * then a sync job for each app whose recorded revision differs. Job ids derive from the
 * head, so overlapping sweeps and a racing webhook queue one sync, not two.
 */
export async function runSweep(deps: SweepDeps): Promise<SweepResult> {
  const heads = new Map<string, Promise<string | undefined>>();
  const headOf = (app: AppConfig): Promise<string | undefined> => {
    const key = `${app.source.repo}#${app.source.branch}`;
    let head = heads.get(key);
    if (!head) {
      head = gitAuthFor(app.source.repo, deps).then((auth) => deps.git.headOf(app.source.repo, app.source.branch, auth));
      heads.set(key, head);
    }
    return head;
  };

  const jobs: QueuedJob[] = [];
  const unknown: SweepResult["unknown"] = [];
  const sweepId = `sweep-${deps.now().toISOString()}`;
  await Promise.all(deps.config.apps.map(async (app) => {
    try {
      const head = await headOf(app);
      if (!head) return void unknown.push({ app: app.name, reason: `branch ${app.source.branch} not found in ${app.source.repo}` });
      const record = await deps.destinationFor(app).readRecord(app.name);
      if (record?.revision === head) return;
      jobs.push({
        job: { kind: "sync", app: app.name, revision: head, deliveryId: sweepId, trigger: "sweep" },
        deduplicationId: createHash("sha256").update(`sync\n${app.name}\n${head}`).digest("hex"),
        groupId: app.name,
      });
    } catch (error) {
      unknown.push({ app: app.name, reason: error instanceof Error ? error.message : String(error) });
    }
  }));
  if (jobs.length > 0) await deps.queue.enqueue(jobs);
  const result = { checkedRepos: heads.size, queued: jobs.map((j) => j.job.app), unknown };
  deps.logger.info("sweep done", { sweepId, ...result });
  return result;
}
