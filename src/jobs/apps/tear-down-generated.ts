import { appSchema } from "../../core/config/app-config.ts";
import { deleteApp } from "../sync/delete-app.ts";
import { gitAuthFor } from "../deps/git-auth-for.ts";
import type { LifecycleCause, LifecycleDeps } from "./bring-up-generated.ts";
import { notifyReviewApp } from "../notify/notify-review-app.ts";
import type { GeneratedAppEntry } from "../../core/apps/generated-app-ledger.ts";
import { deleteOwnNamespace } from "./own-namespace.ts";

/** What removing a generated app did. */
export interface TearDown {
  readonly app: string;
  readonly status: "deleted" | "orphaned" | "failed";
  readonly deleted: number;
  readonly namespaceDeleted: boolean;
  readonly valuesFileRemoved: boolean;
  readonly message: string;
}

/**
 * Removes an app its app set no longer generates, by the app set's deletion policy: `delete` prunes
 * every object the app manages, then the namespace Sluice created for it, then its values file in a
 * `[skip ci]` commit; `orphan` leaves the objects and says so. The ledger entry goes only when all
 * of it is done, so a failure is tried again by the next job or sweep.
 */
export async function tearDownGenerated(entry: GeneratedAppEntry, deps: LifecycleDeps, cause?: LifecycleCause): Promise<TearDown> {
  const app = appSchema.parse(entry.definition);
  const removed = async () => {
    if (cause) await notifyReviewApp("removed", { app, appSet: entry.appSet, definedIn: `app set ${entry.appSet}`, labels: {} }, cause, deps);
  };
  if (entry.deletionPolicy === "orphan") {
    await deps.ledger.remove(entry.app);
    await removed();
    const message = `app set ${entry.appSet} no longer generates ${entry.app}; its objects are left in place (deletionPolicy: orphan)`;
    deps.logger.warn("generated app orphaned", { app: entry.app, appSet: entry.appSet, reason: message });
    return { app: entry.app, status: "orphaned", deleted: 0, namespaceDeleted: false, valuesFileRemoved: false, message };
  }
  const results = await deleteApp(app, deps);
  const failed = results.filter((r) => r.status === "failed");
  if (failed.length > 0) {
    const message = `${failed.length} object(s) not deleted: ${failed.map((f) => `${f.key}: ${f.message ?? "failed"}`).join("; ")}`;
    return { app: entry.app, status: "failed", deleted: results.length - failed.length, namespaceDeleted: false, valuesFileRemoved: false, message };
  }
  const namespaceDeleted = entry.namespace ? await deleteOwnNamespace(deps.destinationFor(app), entry.namespace.name, entry.app) : false;
  const valuesFileRemoved = entry.valuesFile ? await removeValuesFile(entry, entry.valuesFile, deps) : false;
  await deps.ledger.remove(entry.app);
  await removed();
  const message = `deleted ${results.length} object(s)${namespaceDeleted ? `, namespace ${entry.namespace?.name}` : ""}${valuesFileRemoved ? `, values file ${entry.valuesFile?.path}` : ""}`;
  deps.logger.info("generated app deleted", { app: entry.app, appSet: entry.appSet, deleted: results.length, namespaceDeleted, valuesFileRemoved });
  return { app: entry.app, status: "deleted", deleted: results.length, namespaceDeleted, valuesFileRemoved, message };
}

async function removeValuesFile(entry: GeneratedAppEntry, file: { repo: string; branch: string; path: string }, deps: LifecycleDeps): Promise<boolean> {
  const auth = await gitAuthFor(file.repo, deps);
  const landed = await deps.commits.submit({ url: file.repo, branch: file.branch, auth }, {
    async apply(files) {
      if (!files.removeFile || (files.hasFile && !(await files.hasFile(file.path)))) return { value: false };
      await files.removeFile(file.path);
      return { value: true, applied: { files: [file.path], line: `[skip ci] sluice: remove values file ${file.path} of ${entry.app}`, trailers: [] } };
    },
  });
  await landed.release();
  return landed.value;
}
