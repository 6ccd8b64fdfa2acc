import type { AppIndex, IndexedApp } from "../../core/apps/app-index.ts";
import type { GeneratedAppEntry } from "../../core/apps/generated-app-ledger.ts";
import { idleKey } from "../../core/apps/idle-key.ts";
import { syncJobDeduplicationId } from "../../core/queue/deduplication-id.ts";
import { reasonOf } from "./endpoint-failure.ts";
import type { AppView, SweepContext } from "./sweep-context.ts";

/**
 * Generated apps of an app set with an idleTtl that have had no sync (nor bring-up) for longer: each
 * is marked idle in the ledger and gets a sync job, which removes it as a teardown does (prune, its
 * own namespace, its values file). Apps marked idle whose generator's variables have not moved are
 * left out of the rest of the sweep, so nothing brings them back before a push does. The views kept.
 */
export async function planIdle(index: AppIndex, views: readonly AppView[], ctx: SweepContext): Promise<AppView[]> {
  const { deps, findings, sweepId } = ctx;
  const withTtl = new Map(index.entries.flatMap((e) => (e.generated?.idleTtlSeconds !== undefined ? [[e.app.name, e] as const] : [])));
  if (withTtl.size === 0 || !deps.ledger) return [...views];
  let ledger: Map<string, GeneratedAppEntry>;
  try {
    ledger = new Map((await deps.ledger.list()).map((e) => [e.app, e]));
  } catch (error) {
    deps.logger.warn("generated apps not listed", { sweepId, error: reasonOf(error) });
    return [...views];
  }
  const now = deps.now();
  const kept: AppView[] = [];
  for (const view of views) {
    const entry = withTtl.get(view.app.name);
    const known = ledger.get(view.app.name);
    const verdict = entry && known ? await idleVerdict(entry, known, view, now, ctx) : "active";
    if (verdict === "active") kept.push(view);
    if (verdict !== "remove" || !entry) continue;
    findings.queue({
      job: { kind: "sync", app: view.app.name, deliveryId: sweepId, trigger: "sweep" },
      deduplicationId: syncJobDeduplicationId(view.app.name, `idle:${idleKey(entry)}`),
      groupId: view.app.name,
    }, `idle past its app set's idleTtl of ${entry.generated?.idleTtlSeconds ?? 0} s: no sync since ${lastActivity(view, known)}`);
  }
  return kept;
}

/** `remove`: idle past the TTL (marked now, or marked and not yet removed); `removed`: stays out; `active`: swept as usual. */
async function idleVerdict(entry: IndexedApp, known: GeneratedAppEntry, view: AppView, now: Date, ctx: SweepContext): Promise<"active" | "remove" | "removed"> {
  const key = idleKey(entry);
  if (known.idle?.key === key) return known.idle.removed ? "removed" : "remove";
  // Marked idle under other variables: a push moved the branch since, so the app comes back.
  if (known.idle) return "active";
  const ttlMs = (entry.generated?.idleTtlSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  if (now.getTime() - Date.parse(lastActivity(view, known)) <= ttlMs) return "active";
  try {
    await ctx.deps.ledger?.put({ ...known, idle: { at: now.toISOString(), key, removed: false } });
  } catch (error) {
    ctx.deps.logger.warn("idle generated app not marked", { sweepId: ctx.sweepId, app: entry.app.name, error: reasonOf(error) });
    return "active";
  }
  ctx.deps.logger.info("generated app idle", { sweepId: ctx.sweepId, app: entry.app.name, appSet: known.appSet, since: lastActivity(view, known) });
  return "remove";
}

/** The newer of the last sync in the app's record and its bring-up. */
function lastActivity(view: AppView, known: GeneratedAppEntry | undefined): string {
  const times = [view.record?.history[0]?.at, known?.createdAt].filter((t): t is string => t !== undefined);
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0] ?? new Date(0).toISOString();
}
