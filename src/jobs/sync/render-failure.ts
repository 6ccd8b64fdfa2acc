import type { AppConfig } from "../../core/config/app-config.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import { retryOf } from "../../core/errors/retry-of.ts";
import { withHistory, type AppRecord } from "../../engine/record/app-record.ts";
import type { RecordChange } from "../../engine/destination/write-record-change.ts";
import type { SyncTrigger } from "./sync-app.ts";

/** A render that failed for good: the outcome to report, the record change, the job's final error. */
export interface RenderFailure {
  readonly message: string;
  readonly change: RecordChange;
  readonly error: PermanentJobError;
}

/**
 * A revision that cannot render (a template error, a malformed document, a path that leaves the
 * repository) renders no better the next time: the failure is recorded on the app, the sync is
 * Unknown with the renderer's message (file and line), the applied revision stays as it was, and
 * the job ends for good. Errors that may pass (a timeout) are not this: undefined, and they are retried.
 */
export function renderFailure(
  app: AppConfig,
  revision: string,
  cause: SyncTrigger,
  at: Date,
  error: unknown,
): RenderFailure | undefined {
  if (retryOf(error) !== "never" || !(error instanceof Error)) return undefined;
  // The renderer names the app first; the record and the job's error are the app's already.
  const own = error.message.startsWith(`${app.name}: `) ? error.message.slice(app.name.length + 2) : error.message;
  // One line for status and logs; Helm's hint to run it with --debug is not one a Sluice user can take.
  const said = own.replace(/\s*Use --debug flag to render out invalid YAML\s*$/, "").replace(/\s*\n\s*/g, "; ");
  const message = `render of ${revision.slice(0, 12)} failed: ${said}`;
  const renderError = { revision, message: said, at: at.toISOString() };
  const entry = { at: renderError.at, revision, trigger: cause.trigger, deliveryId: cause.deliveryId, result: "Failed" as const, message };
  const change: RecordChange = (current) => {
    if (current?.renderError?.revision === revision && current.renderError.message === said) return undefined;
    const base: AppRecord = current
      ?? { app: app.name, revision: "", images: {}, inventory: [], history: [], sync: { status: "Unknown" }, health: { status: "Unknown" } };
    return { ...base, sync: { status: "Unknown", message }, renderError, history: withHistory(base.history, entry) };
  };
  return { message, change, error: new PermanentJobError(`${app.name}: ${message}`, { cause: error }) };
}

/** The error of a job asked to sync a revision whose render failed already; a person's sync renders it again. */
export function renderedBefore(
  app: AppConfig,
  record: AppRecord | undefined,
  revision: string,
  manual: boolean,
): PermanentJobError | undefined {
  const failed = record?.renderError;
  if (manual || failed?.revision !== revision) return undefined;
  const again = "is not rendered again until a newer commit or `sluice sync`";
  return new PermanentJobError(`${app.name}: ${revision.slice(0, 12)} failed to render at ${failed.at} and ${again}: ${failed.message}`);
}
