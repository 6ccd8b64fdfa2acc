import type { Manifest } from "../../adapters/render/manifest.ts";
import { hookSpecOf, type DeletePolicy, type SyncPhase } from "./hook-spec.ts";

export interface SplitManifests {
  /** Normal resources with their wave. */
  resources: { manifest: Manifest; wave: number }[];
  /** One entry per hook and phase it runs in. */
  hooks: { manifest: Manifest; phase: SyncPhase; wave: number; deletePolicies: DeletePolicy[] }[];
  /** Objects not applied on sync, with why. */
  skipped: { manifest: Manifest; reason: string }[];
}

/** Splits rendered objects by their hook annotations (hookSpecOf). */
export function splitHooks(manifests: readonly Manifest[]): SplitManifests {
  const out: SplitManifests = { resources: [], hooks: [], skipped: [] };
  for (const manifest of manifests) {
    const spec = hookSpecOf(manifest);
    if (spec.kind === "resource") out.resources.push({ manifest, wave: spec.wave });
    else if (spec.kind === "skip") out.skipped.push({ manifest, reason: spec.reason });
    else for (const phase of spec.phases) out.hooks.push({ manifest, phase, wave: spec.wave, deletePolicies: spec.deletePolicies });
  }
  return out;
}

/** The objects that make up the app's inventory and sync status: neither hooks nor skipped. */
export const normalResources = (manifests: readonly Manifest[]): Manifest[] => splitHooks(manifests).resources.map((r) => r.manifest);
