import type { SluiceConfig } from "../../core/config/app-config.ts";
import { providers } from "../../adapters/webhooks/providers/providers.ts";

/** `POST <url>` for every HTTP webhook endpoint the configuration turns on; a path secret is shown as a placeholder, never its value. */
export function endpointUrls(config: SluiceConfig, baseUrl: string): { provider: string; url: string }[] {
  const on = new Set(Object.entries(config.webhooks).filter(([, settings]) => settings !== undefined).map(([name]) => name));
  return [...providers.values()]
    .filter((p) => on.has(p.name))
    .map((p) => ({ provider: p.name, url: `${baseUrl}${p.path}${p.secretInPath ? "/<path secret>" : ""}` }));
}
