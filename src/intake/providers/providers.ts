import { distributionProvider } from "./distribution.ts";
import type { WebhookProvider } from "./webhook-provider.ts";

/** Every webhook source Sluice understands, by URL path. */
export const providers: ReadonlyMap<string, WebhookProvider> = new Map(
  [distributionProvider].map((p) => [p.path, p]),
);
