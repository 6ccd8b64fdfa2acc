import type { AppConfig } from "../../core/config/app-config.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { callEndpoint, SWEEP_CONCURRENCY, SWEEP_TIMEOUTS, type AppView, type SweepContext } from "./sweep-context.ts";
import type { SweptDestination } from "./swept-destination.ts";

/**
 * Every app's record, read with one list per destination rather than one read per app. The
 * apps of a destination that does not answer are Unknown and left out of the rest of the sweep.
 */
export async function planRecords(groups: ReadonlyMap<SweptDestination, readonly AppConfig[]>, ctx: SweepContext): Promise<AppView[]> {
  const views: AppView[] = [];
  await ctx.runner.run([...groups].map(([target, apps]) => ({
    key: `records:${target.endpoint}`,
    run: async () => {
      const listed = await callEndpoint(ctx, target.endpoint, `records in ${target.name}`, SWEEP_TIMEOUTS.records, () => target.listRecords());
      if (!listed.ok) {
        for (const app of apps) ctx.findings.unknown(app.name, listed.reason);
        return;
      }
      ctx.findings.counts.recordLists++;
      const byApp = new Map<string, AppRecord>(listed.value.map((r) => [r.app, r]));
      for (const app of apps) views.push({ app, target, record: byApp.get(app.name) });
    },
  })), SWEEP_CONCURRENCY);
  return views;
}
