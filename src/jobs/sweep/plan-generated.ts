import type { AppIndex } from "../../core/apps/app-index.ts";
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
    if (index.get(entry.app)) continue;
    findings.queue({
      job: { kind: "sync", app: entry.app, deliveryId: sweepId, trigger: "sweep" },
      deduplicationId: syncJobDeduplicationId(entry.app, `removed:${index.revision}`),
      groupId: entry.app,
    }, `app set ${entry.appSet} no longer generates it`);
  }
}
