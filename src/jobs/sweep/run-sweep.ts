import type { AppConfig } from "../../core/config/app-config.ts";
import type { Job } from "../../core/queue/job.ts";
import { EndpointBackoff } from "./endpoint-backoff.ts";
import { reasonOf } from "./endpoint-failure.ts";
import { planDrift } from "./plan-drift.ts";
import { planGit } from "./plan-git.ts";
import { planImages } from "./plan-images.ts";
import { planChartUpdates } from "./plan-chart-updates.ts";
import { planLive } from "./plan-live.ts";
import { planRecords } from "./plan-records.ts";
import type { AppView, SweepContext } from "./sweep-context.ts";
import type { SweepDeps } from "./sweep-deps.ts";
import { SweepFindings, type SweepCounts } from "./sweep-findings.ts";
import { branchWriteGroupId, sweepChartJobId, sweepImageJobId } from "../../core/queue/deduplication-id.ts";
import { emptySweepState, type SweepState, type SweepStateStore } from "./sweep-state.ts";
import type { SweptDestination } from "./swept-destination.ts";
import { SweepTaskRunner } from "./sweep-task-runner.ts";
import { withTimeout } from "../../core/util/with-timeout.ts";
import { staticAppIndex } from "../../core/apps/static-app-index.ts";
import { planGenerated } from "./plan-generated.ts";
import { planIdle } from "./plan-idle.ts";
import { notifyNotChecked } from "../notify/notify-not-checked.ts";

const STATE_TIMEOUT_MS = 10_000;

export type { SweepDeps } from "./sweep-deps.ts";

export interface SweepOptions {
  /** Epoch milliseconds after which no new task of work starts (a Lambda's remaining time, less a margin). */
  deadline?: number | undefined;
}

export interface SweepResult {
  sweepId: string;
  /** The app of each job queued. */
  queued: string[];
  /** Each job queued, with why. */
  jobs: { kind: Job["kind"]; app: string; reason: string }[];
  /** Apps the sweep could not check, with why (an endpoint that did not answer, a branch that is gone). */
  unknown: { app: string; reason: string }[];
  /** Tasks the deadline left for the next sweep, which starts with them. */
  deferred: string[];
  counts: SweepCounts;
}

/**
 * Finds what no webhook reported, for all apps, with requests that grow with repositories,
 * images, clusters and kinds, never with apps or objects: one record list per cluster, one head
 * query per repo and branch (plus a shallow checkout of a head some app is behind), one tag
 * listing per image repository, one label-selected list per kind and cluster. It queues sync
 * jobs for apps whose sources changed, image-update jobs for newer allowed tags, and check jobs
 * for apps whose objects moved; workers run those in parallel. Job ids are deterministic, so
 * overlapping sweeps and a racing webhook never double a commit or a sync. An endpoint that does
 * not answer makes only its apps Unknown and is backed off; the state (backoff, what each task
 * last did, Unknown apps) is kept in a ConfigMap in each cluster.
 */
export async function runSweep(deps: SweepDeps, options: SweepOptions = {}): Promise<SweepResult> {
  const started = deps.now();
  const sweepId = `sweep-${started.toISOString()}`;
  const findings = new SweepFindings();
  const index = deps.appIndex ? await deps.appIndex({ fresh: true }) : staticAppIndex(deps.config);
  const apps = index.entries.map((e) => e.app);
  const groups = targetsOf(apps, deps, findings);
  await planGenerated(index, deps, findings, sweepId);
  const stores = [...groups.keys()].flatMap((t) => (t.state ? [t.state] : []));
  const previous = (await readState([deps.localState], deps)) ?? (await readState(stores, deps)) ?? emptySweepState();
  const runner = new SweepTaskRunner(previous.tasks, options.deadline ?? Number.POSITIVE_INFINITY, () => deps.now(), deps.logger);
  const ctx: SweepContext = { deps, sweepId, backoff: new EndpointBackoff(previous.endpoints, started), runner, findings };

  // Review apps idle past their TTL are removed, and stay out of the sweep until a push moves their branch.
  const views = await planIdle(index, await planRecords(groups, ctx), ctx);
  // State goes to the clusters that answered; one that did not would only cost another timeout.
  const answered = new Set(views.map((v) => v.target));
  const reachable = [deps.localState, ...stores.filter((store) => [...answered].some((t) => t.state === store))];
  const [git, bumps, live] = await Promise.all([planGit(views, ctx), planImages(views, ctx), planLive(views, ctx)]);
  for (const bump of bumps) {
    // Without a known head the bump's commit would fail; the next sweep will find it again.
    if (!git.has(bump.app)) continue;
    findings.queue({
      job: { kind: "image-update", app: bump.app, repository: bump.repository, tag: bump.tag, deliveryId: sweepId },
      deduplicationId: sweepImageJobId(bump.app, bump.repository, bump.tag),
      groupId: writeGroupOf(views, bump.app),
    }, bump.reason);
  }
  for (const bump of await planChartUpdates(views, git, ctx)) {
    const { reason, ...job } = bump;
    findings.queue({ job: { kind: "chart-update", ...job, deliveryId: sweepId }, deduplicationId: sweepChartJobId(bump.app, bump.chart, bump.version), groupId: writeGroupOf(views, bump.app) }, reason);
  }
  planDrift(views, git, live, ctx);

  if (findings.jobs.length > 0) await deps.queue.enqueue(findings.jobs);
  const unknown = findings.unknownApps();
  const state: SweepState = { version: 1, at: deps.now().toISOString(), tasks: runner.times(), endpoints: ctx.backoff.state(), unknown: Object.fromEntries(unknown.map((u) => [u.app, u.reason])) };
  await writeState(reachable, state, deps);

  const result: SweepResult = { sweepId, queued: findings.queued.map((q) => q.app), jobs: findings.queued, unknown, deferred: runner.deferred, counts: findings.counts };
  const byKind = (kind: Job["kind"]) => findings.queued.filter((q) => q.kind === kind).length;
  deps.logger.info("sweep done", {
    sweepId, apps: apps.length, ms: deps.now().getTime() - started.getTime(), ...findings.counts,
    syncJobs: byKind("sync"), imageJobs: byKind("image-update"), checkJobs: byKind("check"),
    unknown: unknown.length, deferred: runner.deferred.length, backedOff: Object.keys(state.endpoints),
  });
  for (const u of unknown) deps.logger.warn("app not checked by the sweep", { sweepId, app: u.app, reason: u.reason });
  await notifyNotChecked(unknown, previous.unknown, deps.config.apps, sweepId, deps);
  return result;
}

/** The apps of each destination; an app whose destination cannot be had is Unknown. */
function targetsOf(apps: readonly AppConfig[], deps: SweepDeps, findings: SweepFindings): Map<SweptDestination, AppConfig[]> {
  const groups = new Map<SweptDestination, AppConfig[]>();
  for (const app of apps) {
    let target: SweptDestination;
    try {
      target = deps.targetFor(app);
    } catch (error) {
      findings.unknown(app.name, reasonOf(error));
      continue;
    }
    const group = groups.get(target);
    if (group) group.push(app);
    else groups.set(target, [app]);
  }
  return groups;
}

/** The newest state any store holds: every cluster keeps a copy, so one cluster down loses nothing. */
async function readState(stores: readonly SweepStateStore[], deps: SweepDeps): Promise<SweepState | undefined> {
  let newest: SweepState | undefined;
  await Promise.all(stores.map(async (store) => {
    try {
      const state = await withTimeout(store.read(), STATE_TIMEOUT_MS, `sweep state in ${store.name}`);
      if (state && (!newest || state.at > newest.at)) newest = state;
    } catch (error) {
      deps.logger.warn("sweep state not readable", { store: store.name, error: reasonOf(error) });
    }
  }));
  return newest;
}

async function writeState(stores: readonly SweepStateStore[], state: SweepState, deps: SweepDeps): Promise<void> {
  await Promise.all(stores.map(async (store) => {
    try {
      await withTimeout(store.write(state), STATE_TIMEOUT_MS, `sweep state in ${store.name}`);
    } catch (error) {
      deps.logger.warn("sweep state not written", { store: store.name, error: reasonOf(error) });
    }
  }));
}

/** The write group of an app's bumps: its source branch's (branchWriteGroupId). */
function writeGroupOf(views: readonly AppView[], app: string): string {
  const source = views.find((v) => v.app.name === app)?.app.source;
  return source ? branchWriteGroupId(source.repo, source.branch) : app;
}
