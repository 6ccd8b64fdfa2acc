import type { AppConfig } from "../../core/config/app-config.ts";
import { AdapterError } from "../../core/errors/adapter-error.ts";
import { isUnsettled } from "../../engine/appsets/unsettled-app-sets.ts";
import { PermanentJobError } from "../../core/errors/permanent-job-error.ts";
import type { Job } from "../../core/queue/job.ts";
import type { WorkerDeps } from "../deps/worker-deps.ts";
import { staticAppIndex } from "../../core/apps/static-app-index.ts";
import { bringUpGenerated } from "./bring-up-generated.ts";
import { tearDownGenerated, type TearDown } from "./tear-down-generated.ts";
import { removeIfIdle } from "./remove-idle.ts";

/**
 * The app a job is for, from the index: a generated app is brought up first (values file,
 * namespace) on its first job. A sync job for an app nothing generates any more, but that Sluice
 * brought up, removes it instead, by its app set's deletion policy; so does a job for an app the
 * sweep found idle past its app set's idleTtl (removeIfIdle).
 */
export async function appForJob(job: Job, deps: WorkerDeps): Promise<{ app: AppConfig } | { removed: TearDown }> {
  // Deps assembled for one job kind (tests, the CLI) may carry only the configuration.
  const index = typeof deps.appIndex === "function" ? await deps.appIndex() : staticAppIndex(deps.config);
  const entry = index.get(job.app);
  const ledger = deps.ledger;
  const cause = { trigger: job.kind === "sync" ? job.trigger : job.kind, deliveryId: job.deliveryId,
    ...("provider" in job && job.provider ? { provider: job.provider } : {}) };
  if (entry) {
    if (!entry.generated || !ledger) return { app: entry.app };
    const idle = await removeIfIdle(entry, { ...deps, ledger }, cause);
    if (idle) return { removed: idle };
    await bringUpGenerated(entry, { ...deps, ledger }, cause);
    return { app: entry.app };
  }
  const gone = job.kind === "sync" && ledger ? await ledger.get(job.app) : undefined;
  if (gone && ledger) {
    // The index a warm function holds may predate the push that generated the app: read it again before deleting.
    const fresh = deps.appIndex({ fresh: true });
    const freshIndex = await fresh;
    const again = freshIndex.get(job.app);
    if (again) return { app: again.app };
    if (isUnsettled(freshIndex, gone.appSet)) {
      const message = `app set ${gone.appSet} cannot read its generators now, so ${job.app} is not removed on its word; retried later`;
      throw new AdapterError(message, { endpoint: `app-set:${gone.appSet}`, retry: "later" });
    }
    return { removed: await tearDownGenerated(gone, { ...deps, ledger }, cause) };
  }
  const problem = index.problems.find((p) => p.name === job.app);
  throw new PermanentJobError(`no app named ${job.app} in the configuration${problem ? ` (${problem.file}: ${problem.path}: ${problem.message})` : ""}`);
}
