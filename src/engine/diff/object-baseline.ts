import { createHash } from "node:crypto";
import * as z from "zod";
import { normalizeObject } from "./normalize-object.ts";
import type { LiveObject } from "../../adapters/kube/kube-client.ts";

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
 * The one exception: labels and annotations only the controller manager writes (a Deployment's
 * `deployment.kubernetes.io/revision`), which git never sets, so every Deployment is not diffed
 * again after each sync for a note the controller adds.
 */
export function fingerprint(object: LiveObject): string {
  const normalized = normalizeObject(object);
  const controllerOnly = controllerOnlyMetadata(object);
  if (controllerOnly.annotations.size > 0 || controllerOnly.labels.size > 0) {
    const meta = { ...(normalized["metadata"] as Record<string, unknown>) };
    meta["annotations"] = without(object.metadata.annotations, controllerOnly.annotations);
    meta["labels"] = without(object.metadata.labels, controllerOnly.labels);
    normalized["metadata"] = meta;
  }
  return createHash("sha256").update(canonicalJson(normalized)).digest("hex").slice(0, 24);
}

/** Field managers whose metadata writes are bookkeeping, never something git asks for. */
const CONTROLLERS = new Set(["kube-controller-manager"]);

const managedFieldsSchema = z.array(z.object({ manager: z.string().optional(), fieldsV1: z.record(z.string(), z.unknown()).optional() }).loose());

/** Annotation and label keys that controllers own and no other manager does. */
function controllerOnlyMetadata(object: LiveObject): { annotations: Set<string>; labels: Set<string> } {
  const out = { annotations: new Set<string>(), labels: new Set<string>() };
  const parsed = managedFieldsSchema.safeParse(object.metadata.managedFields ?? []);
  if (!parsed.success) return out;
  for (const part of ["annotations", "labels"] as const) {
    const byController = new Set<string>();
    const byOthers = new Set<string>();
    for (const entry of parsed.data) {
      const keys = metadataKeys(entry.fieldsV1, part);
      for (const key of keys) (CONTROLLERS.has(entry.manager ?? "") ? byController : byOthers).add(key);
    }
    for (const key of byController) if (!byOthers.has(key)) out[part].add(key);
  }
  return out;
}

/** The keys a managedFields entry owns under metadata.annotations or metadata.labels (`f:<key>`). */
function metadataKeys(fields: Record<string, unknown> | undefined, part: "annotations" | "labels"): string[] {
  const metadata = fields?.["f:metadata"];
  const map = typeof metadata === "object" && metadata !== null ? (metadata as Record<string, unknown>)[`f:${part}`] : undefined;
  return typeof map === "object" && map !== null ? Object.keys(map).filter((k) => k.startsWith("f:")).map((k) => k.slice(2)) : [];
}

function without(map: Record<string, string> | undefined, keys: ReadonlySet<string>): Record<string, string> | undefined {
  const kept = Object.entries(map ?? {}).filter(([k]) => !keys.has(k));
  // No keys left reads as no map at all, as on the object before a controller annotated it.
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
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
