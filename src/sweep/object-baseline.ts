import { createHash } from "node:crypto";
import * as z from "zod";
import { normalizeObject } from "../diff/normalize-object.ts";
import type { LiveObject } from "../kube/kube-client.ts";

/**
 * What Sluice saw of one live object when it last knew the object matched git: after applying
 * it, or after a drift check found it Synced. The sweep diffs an object again only when both
 * moved: its resourceVersion (any write) and its fingerprint (a write to more than status).
 */
export const objectBaselineSchema = z.object({
  resourceVersion: z.string(),
  fingerprint: z.string(),
}).strict();

export type ObjectBaseline = z.infer<typeof objectBaselineSchema>;

/**
 * A hash of everything in the object except status and the server's bookkeeping (resourceVersion,
 * managedFields, generation…). A controller writing status (a Deployment's rollout, a Job's
 * progress) moves the resourceVersion but not this; `kubectl edit` of any other field moves both.
 * It covers fields Sluice does not own too: cheaper to diff once for nothing than to miss drift.
 */
export function fingerprint(object: LiveObject): string {
  return createHash("sha256").update(canonicalJson(normalizeObject(object))).digest("hex").slice(0, 24);
}

/** The baseline of an object as the API server just returned it; undefined without a resourceVersion. */
export function baselineOf(object: LiveObject): ObjectBaseline | undefined {
  const resourceVersion = object.metadata.resourceVersion;
  return resourceVersion ? { resourceVersion, fingerprint: fingerprint(object) } : undefined;
}

/** True when the live object may differ from git since the baseline was taken: it must be diffed. */
export function movedSince(baseline: ObjectBaseline | undefined, live: LiveObject | undefined): boolean {
  if (!baseline || !live) return true;
  if (live.metadata.resourceVersion === baseline.resourceVersion) return false;
  return fingerprint(live) !== baseline.fingerprint;
}

// JSON with keys sorted at every level, so equal objects hash equal whatever order the server wrote.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
