import { chartLock, type ChartLock } from "../../adapters/charts/chart-lock.ts";
import type { SourceSnapshot } from "../sync/source-digest.ts";
import { callEndpoint, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";

/** A Helm app's render can change with no commit: a chart range that now allows a newer version. */
export const tracksCharts = (view: AppView): boolean => "helm" in view.app.render && view.record?.source !== undefined;

/**
 * The chart lock of each Helm app at the head (its repository charts and dependencies at the
 * versions a render would use now), read from the head's snapshot and the chart repositories;
 * an app whose repository does not answer is Unknown and left out, so it is not synced for it.
 */
export async function planCharts(views: readonly AppView[], snapshot: SourceSnapshot, ctx: SweepContext): Promise<Map<string, ChartLock>> {
  const out = new Map<string, ChartLock>();
  // The sweep's id is its start time: listings from this sweep (any branch's) are reused, none older.
  const started = Date.parse(ctx.sweepId.slice("sweep-".length));
  const listedSince = Number.isNaN(started) ? ctx.deps.now().getTime() : started;
  for (const view of views.filter(tracksCharts)) {
    const locked = await callEndpoint(ctx, endpointOf(view), `chart versions of ${view.app.name}`, SWEEP_TIMEOUTS.head, () =>
      chartLock(view.app, (path) => snapshot.chartFile(path), ctx.deps.charts, { listedSince }));
    if (locked.ok) out.set(view.app.name, locked.value);
    else ctx.findings.unknown(view.app.name, locked.reason);
  }
  return out;
}

/** A chart repository's host is backed off as a whole; dependencies of git charts share one endpoint. */
function endpointOf(view: AppView): string {
  const chart = "helm" in view.app.render ? view.app.render.helm.chart : undefined;
  return chart ? `charts:${/^[a-z]+:\/\/([^/]+)/.exec(chart.repo)?.[1] ?? chart.repo}` : "charts:dependencies";
}
