import type { AppConfig } from "../../core/config/app-config.ts";
import { chartKey } from "../../core/charts/chart-key.ts";
import { pickVersion } from "../../adapters/charts/chart-versions.ts";
import { semverRange } from "../../core/config/semver-range.ts";
import { decideBump } from "../../engine/policy/decide-bump.ts";
import { chartPolicy } from "../charts/choose-chart-version.ts";
import { chartFileOf } from "../../core/charts/chart-file.ts";
import { dependencyVersions } from "./chart-dependency-versions.ts";
import type { GitView } from "./plan-git.ts";
import { callEndpoint, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";

/** A newer version than git holds that an app's chart range allows: a chart-update job to queue. */
export interface ChartBump {
  readonly app: string;
  readonly chart: string;
  readonly dependency?: string;
  readonly version: string;
  readonly reason: string;
}

/** One chart an app updates, with the version git holds now. */
export interface TrackedChart {
  readonly repo: string;
  readonly name: string;
  readonly range: string;
  readonly current: string;
  readonly dependency?: string;
}

/**
 * Chart version updates no push reported: for each app with `render.helm.chart.update` (its version
 * is the app definition's) or `dependencyUpdates` (the versions in its Chart.yaml at the head the sweep
 * saw), the newest version the repository lists in the range, decided as image bumps are. Listings
 * are shared by every app of the sweep; a repository that does not answer makes its apps Unknown.
 */
export async function planChartUpdates(views: readonly AppView[], git: ReadonlyMap<string, GitView>, ctx: SweepContext): Promise<ChartBump[]> {
  const charts = ctx.deps.charts;
  if (!charts) return [];
  const started = Date.parse(ctx.sweepId.slice("sweep-".length));
  const listedSince = Number.isNaN(started) ? ctx.deps.now().getTime() : started;
  const bumps: ChartBump[] = [];
  for (const view of views) {
    const { record } = view;
    // An app the sweep could not check (its git head, its chart lock) is not bumped on a guess.
    if (!record || !updatesCharts(view.app) || ctx.findings.isUnknown(view.app.name)) continue;
    const tracked = await trackedCharts(view, git.get(view.app.name)?.head, ctx);
    for (const t of tracked) {
      const key = chartKey(t.repo, t.name);
      const endpoint = `charts:${/^[a-z]+:\/\/([^/]+)/.exec(t.repo)?.[1] ?? t.repo}`;
      const listed = await callEndpoint(ctx, endpoint, `chart versions of ${t.name} in ${t.repo}`, SWEEP_TIMEOUTS.tags, () => charts.versions(t, { listedSince }));
      if (!listed.ok) {
        ctx.findings.unknown(view.app.name, listed.reason);
        continue;
      }
      const newest = pickVersion(semverRange(t.range) ?? t.range, listed.value.versions.map((v) => v.version));
      const stale = record.holds?.find((h) => h.repository === key && h.tag !== t.current);
      if (newest !== undefined && newest === t.current && stale) {
        // Git moved past what the hold was about (a person wrote the version): the job finds it unchanged and clears it.
        bumps.push({ app: view.app.name, chart: key, ...(t.dependency ? { dependency: t.dependency } : {}), version: newest, reason: `chart ${t.name} is at ${t.current}, no longer held at ${stale.tag}` });
        continue;
      }
      if (newest === undefined || newest === t.current) continue;
      // A version already held (a rollback, or a definition Sluice cannot write) is not queued again.
      if (record.holds?.some((h) => h.repository === key && h.from === newest)) continue;
      const decided = await decideBump(chartPolicy(t.range), newest, t.current, record.written?.[key], key);
      if (decided.action !== "write") continue;
      bumps.push({ app: view.app.name, chart: key, ...(t.dependency ? { dependency: t.dependency } : {}), version: newest, reason: `chart ${t.name} ${t.current} → ${newest}` });
    }
  }
  return bumps;
}

const updatesCharts = (app: AppConfig): boolean =>
  "helm" in app.render && (app.render.helm.chart?.update !== undefined || (app.render.helm.dependencyUpdates?.length ?? 0) > 0);

async function trackedCharts(view: AppView, head: string | undefined, ctx: SweepContext): Promise<TrackedChart[]> {
  if (!("helm" in view.app.render)) return [];
  const { chart, dependencyUpdates = [] } = view.app.render.helm;
  if (chart?.update) return [{ repo: chart.repo, name: chart.name, range: chart.update.semver, current: chart.version }];
  // Without the head the sweep saw, the Chart.yaml is not known: planGit has made the app Unknown.
  if (head === undefined || dependencyUpdates.length === 0) return [];
  return dependencyVersions(view, head, chartFileOf(view.app), ctx);
}
