import type { AppConfig } from "../../core/config/app-config.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { ResourceDiff } from "../../engine/diff/resource-diff.ts";
import { renderDifferences, type UnstableObject } from "../../engine/sync/render-differences.ts";
import { identityKey } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import type { RenderTools } from "../../adapters/render/render-app.ts";
import { renderForSync } from "./sync-render.ts";

/**
 * When objects drift at an unchanged revision, renders the revision once more, past the cache: a
 * drifted object that renders differently each time (a generated password or certificate) would
 * drift again after every self-heal. Returns those objects with the fields that differ.
 */
export async function unstableDrift(
  app: AppConfig,
  dir: string,
  revision: string,
  destination: Pick<Destination, "capabilities">,
  tools: RenderTools,
  first: readonly Manifest[],
  drifted: readonly ResourceDiff[],
): Promise<UnstableObject[]> {
  const { cache: _cached, ...uncached } = tools;
  const again = await renderForSync(app, dir, revision, destination, uncached);
  // A rendered object may have no namespace yet (the app's is filled in at apply): match either way.
  const keys = new Set(drifted.flatMap((d) => [identityKey(d.ref), identityKey({ ...d.ref, namespace: "" })]));
  return renderDifferences(first, again).filter((u) => keys.has(u.key));
}

/** What to tell a person about them: which objects, which fields, and how to make the diff clear. */
export function unstableMessage(unstable: readonly UnstableObject[]): string {
  const list = unstable.slice(0, 5).map((u) => `${u.name} (${u.paths.join(", ")})`).join("; ");
  return `${unstable.length} resource(s) render differently every time, so they never match the cluster: ${list}${unstable.length > 5 ? "; …" : ""}. `
    + "Ignore these fields with syncPolicy.ignoreDifferences (jsonPointers), or render them once (a value, an existing Secret)";
}
