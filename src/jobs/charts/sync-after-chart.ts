import type { AppConfig } from "../../core/config/app-config.ts";
import type { Landed } from "../../adapters/git/branch-committer.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { currentIndex } from "./current-index.ts";
import { syncRevision, type SyncedRevision } from "../sync/sync-revision.ts";
import type { ChartTarget } from "./chart-target.ts";
import { withChartVersion } from "./chart-definition-rollback.ts";

export interface AfterChart {
  readonly app: AppConfig;
  readonly target: Exclude<ChartTarget, { kind: "unwritable" }>;
  /** The version the branch now holds. */
  readonly to: string;
  readonly landed: Landed<unknown>;
  readonly previous: AppRecord | undefined;
  readonly deliveryId: string;
}

/**
 * Syncs the app after its chart version moved. A dependency moved in the app's own checkout, which
 * is synced as pushed. A definition moved in its app source: the app, as the index reads it again
 * (or with the version written, while the index has not caught up), is synced at its branch head.
 */
export async function syncAfterChart(after: AfterChart, deps: WorkerDeps): Promise<SyncedRevision> {
  const cause = { trigger: "chart-update", deliveryId: after.deliveryId };
  if (after.target.kind === "dependency") return syncRevision(after.app, after.landed.workspace, cause, deps, after.previous);
  const app = await definedNow(after.app, after.to, deps);
  const workspace = await deps.git.checkout(app.source.repo, app.source.branch, await gitAuthFor(app.source.repo, deps));
  try {
    return await syncRevision(app, workspace, cause, deps, after.previous);
  } finally {
    await workspace.dispose();
  }
}

async function definedNow(app: AppConfig, version: string, deps: WorkerDeps): Promise<AppConfig> {
  return withChartVersion((await currentIndex(deps, { fresh: true })).get(app.name)?.app ?? app, version);
}
