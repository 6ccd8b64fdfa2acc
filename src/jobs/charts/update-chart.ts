import type { AppConfig } from "../../core/config/app-config.ts";
import type { ChartUpdateJob } from "../../core/queue/job.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import { chartEdit } from "../../engine/writeback/chart-edit.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { currentIndex } from "./current-index.ts";
import { refusedPushIsPermanent } from "../image/refused-push-is-permanent.ts";
import { withImageState } from "../image/with-image-state.ts";
import { chartPlaceLocator } from "./chart-place-locator.ts";
import { chartTargetOf } from "./chart-target.ts";
import type { ChartUpdateOutcome } from "./chart-update-outcome.ts";
import { chooseChartVersion, chartPolicy } from "./choose-chart-version.ts";
import { holdUnwritable } from "./hold-unwritable.ts";
import { syncAfterChart } from "./sync-after-chart.ts";
import { notifyAfterSync } from "../notify/notify-after-sync.ts";
import { withRecordSessions } from "../sync/record-session.ts";

/**
 * Moves one chart of an app to the newest version its range allows: written byte for byte where the
 * version lives (the Chart.yaml dependency in the app's repo, or the app definition in its app
 * source), committed `[skip ci]` through the shared committer, then the app is synced. Never a
 * downgrade; a human's rollback is held as for images (the record's `written` and `holds`, by chartKey).
 */
export async function updateChart(job: ChartUpdateJob, app: AppConfig, shared: WorkerDeps): Promise<ChartUpdateOutcome> {
  // The record is read once and written after the sync's own begin-operation write, as an image update's.
  const deps = withRecordSessions(shared);
  const entry = (await currentIndex(deps)).get(app.name) ?? { definedIn: "sluice.yaml" };
  const target = chartTargetOf(app, job, entry, deps.config);
  const charts = deps.render.charts;
  if (!charts) throw new PermanentJobError(`${app.name}: this worker has no chart repositories to list ${target.name} from`);
  const chosen = await chooseChartVersion(charts, target, deps.now());
  const base = { app: app.name, chart: target.key };
  if ("skipped" in chosen) return { ...base, status: "skipped", reason: chosen.skipped, to: job.version };
  const destination = deps.destinationFor(app);
  const stored = await destination.loadRecord(app.name);
  if (target.kind === "unwritable") return holdUnwritable({ app, target, version: chosen.version, stored, destination }, deps);

  const repo = target.kind === "dependency" ? app.source : target.source;
  const edit = chartEdit({
    app: app.name, chart: target.key, label: `chart ${target.name}`, file: target.file, locate: chartPlaceLocator(app, target),
    candidate: chosen.version, policy: chartPolicy(target.range), lastWritten: stored.record?.written?.[target.key],
    template: deps.config.git.commit.message, deliveryId: job.deliveryId,
  });
  const landed = await refusedPushIsPermanent(app.name, deps.commits.submit({ url: repo.repo, branch: repo.branch, auth: await gitAuthFor(repo.repo, deps) }, edit));
  try {
    const { value, commit } = landed;
    const { hold, ...result } = value;
    const outcome: ChartUpdateOutcome = { ...base, ...result, repo: repo.repo, ...(commit ? { commit } : {}) };
    if (value.status === "skipped") return outcome;
    if (commit) deps.logger.info("chart bumped", { app: app.name, chart: target.key, from: value.from, to: value.to, commit, repo: repo.repo, deliveryId: job.deliveryId });
    if (hold) deps.logger.info("chart held", { app: app.name, chart: target.key, at: hold.tag, rolledBackFrom: hold.from, deliveryId: job.deliveryId });
    const started = deps.now().getTime();
    const synced = await syncAfterChart({ app, target, to: value.to, landed, previous: stored.record, deliveryId: job.deliveryId }, deps);
    const state = { repository: target.key, ...(commit ? { written: value.to } : {}), ...(hold ? { hold } : {}) };
    await writeRecordChange(destination, app.name, stored, (current) => withImageState(synced.change(current) ?? current, state));
    if (synced.final) throw synced.final; // the commit stands; the render failure is recorded and reported
    const healthyAfterMs = deps.now().getTime() - started;
    // The dependency's sync rendered Sluice's own checkout; a definition's, a checkout of the app's repo since given back.
    const workspaceDir = target.kind === "dependency" ? landed.workspace.dir : undefined;
    const cause = { trigger: "chart-update", deliveryId: job.deliveryId };
    await notifyAfterSync({ app, cause, previous: stored.record, outcome: { ...synced.outcome, healthyAfterMs }, workspaceDir }, deps);
    return { ...outcome, sync: synced.outcome };
  } finally {
    await landed.release();
  }
}
