import type { AppIndex } from "../../core/apps/app-index.ts";
import { isUnsettled } from "../../engine/appsets/unsettled-app-sets.ts";
import { syncJobDeduplicationId } from "../../core/queue/deduplication-id.ts";
import { reasonOf } from "./endpoint-failure.ts";
import type { SweepDeps } from "./sweep-deps.ts";
import type { SweepFindings } from "./sweep-findings.ts";

/**
 * A sync job for each generated app Sluice brought up that the index no longer has (a branch deleted
 * while no webhook was heard, a request closed): the worker removes it by its app set's deletion policy.
 */
export async function planGenerated(index: AppIndex, deps: SweepDeps, findings: SweepFindings, sweepId: string): Promise<void> {
  if (!deps.ledger) return;
  let entries;
  try {
    entries = await deps.ledger.list();
  } catch (error) {
    deps.logger.warn("generated apps not listed", { sweepId, error: reasonOf(error) });
    return;
  }
  for (const entry of entries) {
    // An app set whose generator could not be read (a rate-limited API) says nothing about its apps: ask again next sweep.
    if (index.get(entry.app) || isUnsettled(index, entry.appSet)) continue;
    findings.queue({
      job: { kind: "sync", app: entry.app, deliveryId: sweepId, trigger: "sweep" },
      deduplicationId: syncJobDeduplicationId(entry.app, `removed:${index.revision}`),
      groupId: entry.app,
    }, `app set ${entry.appSet} no longer generates it`);
  }
}
