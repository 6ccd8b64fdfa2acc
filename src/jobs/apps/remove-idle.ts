import type { IndexedApp } from "../../core/apps/app-index.ts";
import { idleKey } from "../../core/apps/idle-key.ts";
import type { LifecycleCause, LifecycleDeps } from "./bring-up-generated.ts";
import { tearDownGenerated, type TearDown } from "./tear-down-generated.ts";

/**
 * A job for a generated app the sweep marked idle: while its generator's variables are those it was
 * marked under, the app is removed as a teardown removes it (prune, its own namespace, its values
 * file; an idle app is disposable whatever the deletion policy), once, and stays so. Once they have
 * moved (a push to its branch), the mark goes and the job brings the app up again: undefined.
 */
export async function removeIfIdle(entry: IndexedApp, deps: LifecycleDeps, cause?: LifecycleCause): Promise<TearDown | undefined> {
  const known = await deps.ledger.get(entry.app.name);
  if (!known?.idle) return undefined;
  let key = idleKey(entry);
  if (key === known.idle.key && deps.appIndex) {
    // A warm function's index may predate the push that moved the branch: read it again before removing.
    const fresh = (await deps.appIndex({ fresh: true })).get(entry.app.name);
    if (fresh) key = idleKey(fresh);
  }
  if (key !== known.idle.key) {
    if (known.idle.removed) await deps.ledger.remove(known.app);
    else await deps.ledger.put({ ...known, idle: undefined });
    deps.logger.info("idle generated app active again", { app: known.app, appSet: known.appSet });
    return undefined;
  }
  const message = `removed after ${known.idle.at} as idle; a push to its branch brings it back`;
  if (known.idle.removed) return { app: known.app, status: "deleted", deleted: 0, namespaceDeleted: false, valuesFileRemoved: false, message };
  const down = await tearDownGenerated({ ...known, deletionPolicy: "delete" }, deps, cause);
  if (down.status === "failed") return down;
  // Removing the values file is itself a commit to the branch: what the generator says after it is what a push must move.
  const after = deps.appIndex && down.valuesFileRemoved ? (await deps.appIndex({ fresh: true })).get(known.app) : undefined;
  await deps.ledger.put({ ...known, idle: { ...known.idle, key: after ? idleKey(after) : key, removed: true } });
  return { ...down, message: `${down.message}; ${message}` };
}
