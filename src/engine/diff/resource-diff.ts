import type { LiveObject } from "../../adapters/kube/kube-client.ts";
import { describeRef, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import { toYaml as yamlText } from "../../adapters/yaml/to-yaml.ts";
import type { FieldPath } from "./field-path.ts";
import { withoutPaths } from "./ignore-differences.ts";
import { maskSecretData } from "./mask-secret-data.ts";
import { normalizeObject } from "./normalize-object.ts";
import { unifiedDiff } from "./unified-diff.ts";

export interface ResourceDiff {
  ref: ObjectRef;
  status: "Synced" | "OutOfSync";
  /** Missing: not in the cluster; changed: differs; requires pruning: in the cluster, no longer in git. */
  reason?: "missing" | "changed" | "requires pruning";
  /** Unified diff, live (---) to desired (+++). */
  diff: string;
  /** Why the comparison is incomplete (a dry run the server refused). */
  message?: string;
}

const toYaml = (object: unknown): string => (object === undefined ? "" : yamlText(object, { sortKeys: true }));

/**
 * Compares what the server would make of git's object (a dry-run apply) with the live object,
 * normalised and without the ignored paths.
 */
export function resourceDiff(ref: ObjectRef, merged: LiveObject | undefined, live: LiveObject | undefined, ignored: readonly FieldPath[]): ResourceDiff {
  // A Secret's values are masked before any text is made of them: a diff never carries their bytes.
  const masked = maskSecretData(
    live ? withoutPaths(normalizeObject(live), ignored) : undefined,
    merged ? withoutPaths(normalizeObject(merged), ignored) : undefined,
  );
  const after = toYaml(masked.after);
  const before = toYaml(masked.before);
  const name = describeRef(ref);
  const diff = unifiedDiff(before, after, { from: `live/${name}`, to: `git/${name}` });
  if (!live) return { ref, status: "OutOfSync", reason: "missing", diff };
  if (!merged) return { ref, status: "OutOfSync", reason: "requires pruning", diff };
  return diff === "" ? { ref, status: "Synced", diff } : { ref, status: "OutOfSync", reason: "changed", diff };
}
