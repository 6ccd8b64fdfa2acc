import type { AppConfig } from "../../core/config/app-config.ts";
import type { RollbackJob } from "../../core/queue/job.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { writeRecordChange } from "../../engine/destination/write-record-change.ts";
import type { AppRecord } from "../../engine/record/app-record.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { refusedPushIsPermanent } from "../image/refused-push-is-permanent.ts";
import type { SyncOutcome } from "../sync/sync-app.ts";
import { syncRevision } from "../sync/sync-revision.ts";
import { rollbackEdit, type RollbackValue } from "./rollback-edit.ts";
import { rollbackFiles } from "./rollback-files.ts";
import { definitionInOwnBranch, withChartVersion } from "../charts/chart-definition-rollback.ts";
import { withRecordSessions } from "../sync/record-session.ts";

export interface RollbackOutcome {
  app: string;
  /** rolled-back: committed and synced; unchanged: the head already holds that revision's files. */
  status: "rolled-back" | "unchanged";
  commit?: string;
  moved: RollbackValue["moved"];
  sync: SyncOutcome;
}

/**
 * Rolls an app back the GitOps way, so automated sync keeps it there: the app's image tags and value
 * files as they were at the job's revision are committed on the branch head, each moved image is held
 * at the restored tag until a tag newer than the one rolled back from appears (the tag last written
 * stays the newer one, which is what image updates compare with), and the app is synced.
 */
export async function rollbackApp(job: RollbackJob, app: AppConfig, shared: WorkerDeps): Promise<RollbackOutcome> {
  const deps = withRecordSessions(shared);
  const auth = await gitAuthFor(app.source.repo, deps);
  const definition = await definitionInOwnBranch(app, deps);
  const earlier = await filesAt(app, job.revision, deps, auth, definition ? [definition.file] : []);
  const before = definition ? earlier.get(definition.file) : undefined;
  if (definition) earlier.delete(definition.file);
  const destination = deps.destinationFor(app);
  const stored = await destination.loadRecord(app.name);
  const target = { url: app.source.repo, branch: app.source.branch, auth };
  const landed = await refusedPushIsPermanent(app.name, deps.commits.submit(target, rollbackEdit(app, job.revision, earlier, job.deliveryId, definition && { rollback: definition, before })));
  try {
    const { value, commit } = landed;
    if (commit) deps.logger.info("app rolled back", { app: app.name, to: job.revision, commit, moved: value.moved.length, deliveryId: job.deliveryId });
    const cause = { trigger: "rollback", deliveryId: job.deliveryId };
    // A chart version restored in the app's definition renders only once the app says so.
    const chart = value.moved.find((m) => m.repository === definition?.key);
    const synced = await syncRevision(chart ? withChartVersion(app, chart.to) : app, landed.workspace, cause, deps, stored.record);
    await writeRecordChange(destination, app.name, stored, (current) => held(synced.change(current) ?? current, value, job.revision));
    return { app: app.name, status: commit ? "rolled-back" : "unchanged", ...(commit ? { commit } : {}), moved: value.moved, sync: synced.outcome };
  } finally {
    await landed.release();
  }
}

/** The record with a hold per moved image, and the tag rolled back from as the one last written. */
function held(record: AppRecord | undefined, value: RollbackValue, revision: string): AppRecord | undefined {
  if (!record || value.moved.length === 0) return record;
  const written = { ...record.written };
  const moved = new Set(value.moved.map((m) => m.repository));
  const holds = (record.holds ?? []).filter((h) => !moved.has(h.repository));
  for (const m of value.moved) {
    // An image already held keeps the newer tag it was first rolled back from.
    written[m.repository] = record.written?.[m.repository] && record.holds?.some((h) => h.repository === m.repository) ? record.written[m.repository] ?? m.from : m.from;
    const from = written[m.repository] ?? m.from;
    holds.push({ repository: m.repository, tag: m.to, from, message: `holding ${m.repository} at ${m.to}: rolled back to ${revision.slice(0, 12)} from ${from}` });
  }
  return { ...record, written, holds };
}

/** The app's rollback files as they were at `revision`; files absent then are left out. */
async function filesAt(app: AppConfig, revision: string, deps: WorkerDeps, auth: Awaited<ReturnType<typeof gitAuthFor>>, extra: readonly string[]): Promise<Map<string, string>> {
  let workspace;
  try {
    workspace = await deps.git.checkout(app.source.repo, app.source.branch, auth, { revision });
  } catch (error) {
    if (retryOf(error) === "never" && error instanceof Error) throw new PermanentJobError(`${app.name}: ${error.message}`, { cause: error });
    throw error;
  }
  try {
    const files = new Map<string, string>();
    for (const file of [...rollbackFiles(app), ...extra]) {
      const content = await workspace.readFile(file).catch((error: unknown) => {
        deps.logger.info("file not at the rollback revision", { app: app.name, file, revision, error: error instanceof Error ? error.message : String(error) });
        return undefined;
      });
      if (content !== undefined) files.set(file, content);
    }
    if (files.size === 0) throw new PermanentJobError(`${app.name}: none of its image or values files is in ${revision.slice(0, 12)}`);
    return files;
  } finally {
    await workspace.dispose();
  }
}
