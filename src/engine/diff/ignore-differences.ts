import type { IgnoreDifference } from "../../core/config/sync-config.ts";
import type { LiveObject } from "../../adapters/kube/kube-client.ts";
import { groupOf, type ObjectRef } from "../../adapters/kube/object-ref.ts";
import { fieldsV1Leaves, getPath, pointerPath, removePath, setPath, type FieldPath } from "./field-path.ts";

const matches = (rule: IgnoreDifference, ref: ObjectRef): boolean =>
  rule.group === groupOf(ref.apiVersion) && rule.kind === ref.kind && (rule.name === undefined || rule.name === ref.name) && (rule.namespace === undefined || rule.namespace === ref.namespace);

/** The paths `ignoreDifferences` covers on one object: its JSON pointers, and the fields the named managers own in the live object. */
export function ignoredPaths(rules: readonly IgnoreDifference[], ref: ObjectRef, live: LiveObject | undefined): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const rule of rules) {
    if (!matches(rule, ref)) continue;
    paths.push(...rule.jsonPointers.map(pointerPath));
    if (rule.managedFieldsManagers.length === 0 || !live) continue;
    for (const entry of live.metadata.managedFields ?? []) {
      if (typeof entry !== "object" || entry === null || !("manager" in entry) || !("fieldsV1" in entry)) continue;
      if (typeof entry.manager === "string" && rule.managedFieldsManagers.includes(entry.manager)) paths.push(...fieldsV1Leaves(entry.fieldsV1));
    }
  }
  return paths;
}

/** A copy without the ignored paths, for comparing. */
export function withoutPaths<T>(object: T, paths: readonly FieldPath[]): T {
  const copy = structuredClone(object);
  for (const path of paths) removePath(copy, path);
  return copy;
}

/**
 * The object to apply with its ignored fields set to their live values, so a sync neither fights
 * the manager that owns them (an HPA's replicas) nor resets a field the user said to leave alone.
 */
export function respectingLive<T>(desired: T, live: LiveObject | undefined, paths: readonly FieldPath[]): T {
  if (!live || paths.length === 0) return desired;
  const copy = structuredClone(desired);
  for (const path of paths) {
    const value = getPath(live, path);
    if (value !== undefined) setPath(copy, path, structuredClone(value));
  }
  return copy;
}
