import { OBJECT_LIST_LIMIT, type Notification } from "../../core/notify/notification.ts";
import type { ResourceResult } from "../sync/sync-result.ts";

/**
 * What a sync did to each object, in kubectl's words: created (not in the app's inventory before),
 * configured (applied over an object the app had), pruned; and failed. Lists are capped, counts exact.
 */
export function objectsSummary(results: readonly ResourceResult[], before: readonly string[]): NonNullable<Notification["objects"]> {
  const had = new Set(before);
  const name = (r: ResourceResult) => `${r.kind}/${r.namespace ? `${r.namespace}/` : ""}${r.name}`;
  const applied = results.filter((r) => r.status === "applied");
  const created = applied.filter((r) => !had.has(r.key)).map(name);
  const configured = applied.filter((r) => had.has(r.key)).map(name);
  const pruned = results.filter((r) => r.status === "pruned").map(name);
  const failed = results.filter((r) => r.status === "failed").map((r) => `${name(r)}: ${r.message ?? "failed"}`);
  const cap = (list: string[]) => list.slice(0, OBJECT_LIST_LIMIT);
  return {
    created: cap(created), configured: cap(configured), pruned: cap(pruned), failed: cap(failed),
    counts: { created: created.length, configured: configured.length, pruned: pruned.length, failed: failed.length },
  };
}
