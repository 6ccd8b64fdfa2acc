import { identityKey, parseInventoryKey } from "../../adapters/kube/object-ref.ts";
import type { CheckJob } from "../../core/queue/job.ts";
import type { GitView } from "./plan-git.ts";
import { kindKey, recordedKeys, type LiveIndex } from "./plan-live.ts";
import type { AppView, SweepContext } from "./sweep-context.ts";
import { checkJobId } from "../../core/queue/deduplication-id.ts";
import type { SweptDestination } from "./swept-destination.ts";

/**
 * A check job for each app, current with git, that has objects which moved since Sluice last saw
 * them match git (resourceVersion and fingerprint both moved), that have no baseline yet, or
 * that are gone. Apps whose objects did not move cost nothing beyond the shared lists.
 */
export function planDrift(views: readonly AppView[], git: ReadonlyMap<string, GitView>, live: ReadonlyMap<SweptDestination, LiveIndex>, ctx: SweepContext): void {
  for (const view of views) {
    const index = live.get(view.target);
    const record = view.record;
    if (!index || !record || !git.get(view.app.name)?.current) continue;
    const objects: CheckJob["objects"] = [];
    let complete = true;
    for (const key of recordedKeys(view)) {
      const ref = parseInventoryKey(key);
      if (!ref) continue;
      const failed = index.failed.get(kindKey(ref));
      if (failed !== undefined) ctx.findings.unknown(view.app.name, `drift not checked: ${failed}`);
      if (!index.listed.has(kindKey(ref))) {
        complete = false;
        continue;
      }
      const seen = index.seen.get(identityKey(ref));
      const baseline = record.objects?.[key];
      const moved = !seen || !baseline || (seen.resourceVersion !== baseline.resourceVersion && seen.fingerprint !== baseline.fingerprint);
      if (moved) objects.push({ key, ...(seen?.resourceVersion ? { resourceVersion: seen.resourceVersion } : {}), ...(seen?.fingerprint ? { fingerprint: seen.fingerprint } : {}) });
    }
    if (!complete || objects.length === 0) continue;
    const names = objects.slice(0, 3).map((o) => o.key.split("/").slice(-3).join("/")).join(", ");
    ctx.findings.queue({
      job: { kind: "check", app: view.app.name, revision: record.revision, objects, deliveryId: ctx.sweepId },
      deduplicationId: checkJobId(view.app.name, record.revision, objects),
      groupId: view.app.name,
    }, `${objects.length} object(s) moved since Sluice saw them match git: ${names}${objects.length > 3 ? ", …" : ""}`);
  }
}
