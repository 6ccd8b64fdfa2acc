import { syncJobDeduplicationId, syncRetryJobId } from "../../core/queue/deduplication-id.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import { groupBy } from "../../core/util/group-by.ts";
import type { ChartLock } from "../../adapters/charts/chart-lock.ts";
import { planCharts, tracksCharts } from "./plan-charts.ts";
import { BranchHeads } from "./branch-heads.ts";
import { callEndpoint, SWEEP_CONCURRENCY, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";

/** Where an app stands against its branch head. */
export interface GitView {
  readonly head: string;
  /** The app renders at the head what it renders at its record's revision: nothing to sync. */
  readonly current: boolean;
}

/**
 * One head query per repository and branch, shared by all their apps; then, only when some app
 * is behind that head, one shallow checkout of it (cached by revision) to tell which apps'
 * sources changed. A sync job goes to each app never synced, or whose source digest differs.
 */
export async function planGit(views: readonly AppView[], ctx: SweepContext): Promise<Map<string, GitView>> {
  const groups = groupBy(views, (v) => `${v.app.source.repo}#${v.app.source.branch}`);
  const out = new Map<string, GitView>();
  const branchesPerRepo = new Map<string, number>();
  for (const group of groups.values()) {
    const repo = group[0]?.app.source.repo;
    if (repo !== undefined) branchesPerRepo.set(repo, (branchesPerRepo.get(repo) ?? 0) + 1);
  }
  const heads = new BranchHeads(ctx, branchesPerRepo);
  await ctx.runner.run([...groups].map(([key, group]) => ({ key: `git:${key}`, run: () => planBranch(group, ctx, heads, out) })), SWEEP_CONCURRENCY);
  return out;
}

async function planBranch(group: readonly AppView[], ctx: SweepContext, heads: BranchHeads, out: Map<string, GitView>): Promise<void> {
  const first = group[0];
  if (!first) return;
  const { repo, branch } = first.app.source;
  const endpoint = `git:${hostOf(repo)}`;
  const { deps, findings } = ctx;
  const auth = await gitAuthFor(repo, deps);
  const queried = await heads.of(repo, branch, auth, endpoint);
  if (!queried.ok) {
    for (const view of group) findings.unknown(view.app.name, queried.reason);
    return;
  }
  let head = queried.value;
  if (head === undefined) {
    for (const view of group) findings.unknown(view.app.name, `branch ${branch} not found in ${repo}`);
    return;
  }

  const behind = group.filter((v) => v.record && (v.record.revision !== head || tracksCharts(v)) && v.record.source);
  let snapshot;
  let snapshotProblem = "";
  if (behind.length > 0) {
    const read = await callEndpoint(ctx, endpoint, `checkout of ${branch} in ${repo}`, SWEEP_TIMEOUTS.snapshot, () => deps.snapshots.at(deps.git, repo, branch, head ?? "", auth));
    if (read.ok) {
      if (read.value.fetched) findings.counts.gitSnapshots++;
      head = read.value.revision;
      snapshot = read.value.snapshot;
    } else {
      // Not knowing what changed is no reason to miss a change: those apps sync.
      snapshotProblem = `; paths not compared (${read.reason})`;
    }
  }

  const locks = snapshot ? await planCharts(group, snapshot, ctx) : new Map<string, ChartLock>();
  for (const { app, record } of group) {
    let reason: string;
    if (!app.syncPolicy.automated && (!record || record.sync.status === "OutOfSync") && record?.revision !== head) {
      // A manual app waits for a person: with no record it shows as never synced, and one already
      // OutOfSync says it awaits a sync; a job would only write that again.
      out.set(app.name, { head, current: false });
      continue;
    }
    if (record?.renderError?.revision === head) {
      // The head failed to render, which another try would not change: it waits for a newer commit.
      out.set(app.name, { head, current: false });
      continue;
    }
    if (!record) reason = "never synced";
    else if (record.revision === head && record.sync.retry && app.syncPolicy.automated) {
      out.set(app.name, { head, current: false });
      findings.queue({
        job: { kind: "sync", app: app.name, revision: head, deliveryId: ctx.sweepId, trigger: "sweep" },
        deduplicationId: syncRetryJobId(app.name, head, record.history[0]?.at ?? ""),
        groupId: app.name,
      }, `the sync of ${head.slice(0, 12)} failed for a reason that passes: ${record.sync.message ?? ""}`);
      continue;
    } else if (record.revision === head && !locks.has(app.name)) {
      out.set(app.name, { head, current: true });
      continue;
    } else if (snapshot && record.source !== undefined && snapshot.digest(app, locks.get(app.name)) === record.source) {
      out.set(app.name, { head, current: true });
      continue;
    } else {
      reason = record.revision === head ? `a chart version or digest changed at ${head.slice(0, 12)}`
        : `${record.source === undefined ? "behind" : "source changed:"} ${record.revision.slice(0, 12)} → ${head.slice(0, 12)}${snapshotProblem}`;
    }
    out.set(app.name, { head, current: false });
    findings.queue({
      job: { kind: "sync", app: app.name, revision: head, deliveryId: ctx.sweepId, trigger: "sweep" },
      deduplicationId: syncJobDeduplicationId(app.name, head),
      groupId: app.name,
    }, reason);
  }
}

/** The host a repo URL names, for backing off a git host as a whole. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch (error) {
    if (error instanceof TypeError) return url;
    throw error;
  }
}
