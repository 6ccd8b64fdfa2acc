import type { AppConfig } from "../../core/config/app-config.ts";
import type { Destination, StoredRecord } from "../../engine/destination/destination.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import { withImageState } from "../image/with-image-state.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import type { ChartTarget } from "./chart-target.ts";
import type { ChartUpdateOutcome } from "./chart-update-outcome.ts";
import { chartPolicy } from "./choose-chart-version.ts";

export interface Unwritable {
  readonly app: AppConfig;
  readonly target: Extract<ChartTarget, { kind: "unwritable" }>;
  readonly version: string;
  readonly stored: StoredRecord;
  readonly destination: Pick<Destination, "loadRecord" | "storeRecord">;
}

/**
 * A newer allowed version for a chart whose definition is not in a git file Sluice may edit: nothing
 * is written or synced. The app's record holds the chart at its version with the reason, which
 * `sluice history`, the dashboard and the API show, and the log says so; the sweep does not queue
 * the same version again.
 */
export async function holdUnwritable(u: Unwritable, deps: Pick<WorkerDeps, "logger">): Promise<ChartUpdateOutcome> {
  const { app, target, version } = u;
  const current = "helm" in app.render ? app.render.helm.chart?.version : undefined;
  const base = { app: app.name, chart: target.key, to: version, ...(current ? { from: current } : {}) };
  const order = current === undefined ? undefined : await chartPolicy(target.range).compare(version, current);
  if (order !== undefined && order <= 0) {
    await writeRecordChange(u.destination, app.name, u.stored, (record) => withImageState(record, { repository: target.key }));
    return { ...base, status: "unchanged" };
  }
  const message = `chart ${target.name} ${version} is allowed by ${target.range} but not written: ${target.why}`;
  deps.logger.warn("chart update not written back", { app: app.name, chart: target.key, from: current, to: version, reason: target.why });
  const hold = { tag: current ?? "", from: version, message };
  await writeRecordChange(u.destination, app.name, u.stored, (record) => withImageState(record, { repository: target.key, hold }));
  return { ...base, status: "held", reason: message };
}
