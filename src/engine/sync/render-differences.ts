import { identityKey, refOf } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";

// Enough paths to name what to ignore; a chart that regenerates everything says so in a few.
const PATHS_PER_OBJECT = 10;

const pointer = (path: readonly string[]): string => `/${path.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;

/** The JSON pointers at which two values differ, leaves first found first. */
function differingPaths(a: unknown, b: unknown, path: string[], out: string[]): void {
  if (out.length >= PATHS_PER_OBJECT || a === b) return;
  const objects = typeof a === "object" && a !== null && typeof b === "object" && b !== null && Array.isArray(a) === Array.isArray(b);
  if (!objects) {
    out.push(pointer(path));
    return;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) differingPaths((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, key], out);
}

/** One object that renders differently each time, and where. */
export interface UnstableObject {
  /** identityKey of the object. */
  key: string;
  /** kind/name, for messages. */
  name: string;
  /** JSON pointers whose values differ between two renders of one revision. */
  paths: string[];
}

/**
 * Compares two renders of one revision object by object: what differs is generated anew on each
 * render (a random password, a self-signed certificate, a timestamp), so it can never match the
 * cluster for long. Objects rendered only once, or named by generateName, are not compared.
 */
export function renderDifferences(first: readonly Manifest[], second: readonly Manifest[]): UnstableObject[] {
  const named = (m: Manifest) => m.metadata.name !== "";
  const again = new Map(second.filter(named).map((m) => [identityKey(refOf(m)), m]));
  const out: UnstableObject[] = [];
  for (const m of first.filter(named)) {
    const key = identityKey(refOf(m));
    const other = again.get(key);
    if (!other) continue;
    const paths: string[] = [];
    differingPaths(m, other, [], paths);
    if (paths.length > 0) out.push({ key, name: `${m.kind}/${m.metadata.name}`, paths });
  }
  return out;
}
