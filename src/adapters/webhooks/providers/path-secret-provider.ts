import { pathSecretMatches } from "./path-secret-matches.ts";
import type { WebhookProvider } from "./webhook-provider.ts";

/**
 * A sender that can neither sign nor send a header (Docker Hub, Quay): the secret is the last
 * segment of the URL, weaker than a signature and documented as such; any JSON body is its.
 */
export function pathSecretProvider(provider: Pick<WebhookProvider, "name" | "label" | "path" | "parse">): WebhookProvider {
  return {
    ...provider,
    secretInPath: true,
    contentTypes: ["application/json"],
    expects: "nothing more",
    verify: async (request, endpoint) => pathSecretMatches(request.path, provider.path, endpoint.secrets),
    canHandle: () => true,
  };
}
