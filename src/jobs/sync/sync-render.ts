import type { AppConfig } from "../../core/config/app-config.ts";
import type { Destination } from "../../engine/destination/destination.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import { renderApp, type RenderTools } from "../../adapters/render/render-app.ts";
import { RenderCache } from "../../adapters/render/render-cache.ts";
import { chartLock, checkoutReader } from "../../adapters/charts/chart-lock.ts";

/**
 * Renders an app's checkout for its destination: Helm sees the cluster's version and API versions.
 * Output is cached by repo, revision, path and everything else that shapes it, so a warm worker
 * renders a revision once however many syncs, self-heals and diffs ask for it.
 */
export async function renderForSync(app: AppConfig, dir: string, revision: string, destination: Pick<Destination, "capabilities">, tools: RenderTools): Promise<Manifest[]> {
  const capabilities = "helm" in app.render ? await destination.capabilities() : undefined;
  // A chart range can pick a newer version at the same revision: the versions picked are part of the key.
  const charts = await chartLock(app, checkoutReader(dir), tools.charts);
  const key = RenderCache.key({ repo: app.source.repo, revision, path: app.source.path, shape: [app.name, app.render, app.destination.namespace, capabilities, charts] });
  const cached = tools.cache?.get(key);
  if (cached) return cached;
  const manifests = await renderApp(app, dir, tools, capabilities);
  tools.cache?.set(key, manifests);
  return manifests;
}
