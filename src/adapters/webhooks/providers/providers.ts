import { acrProvider } from "./acr.ts";
import { bitbucketProvider } from "./bitbucket.ts";
import { distributionProvider } from "./distribution.ts";
import { dockerhubProvider } from "./dockerhub.ts";
import { genericProvider } from "./generic.ts";
import { giteaProvider } from "./gitea.ts";
import { githubProvider } from "./github.ts";
import { gitlabProvider } from "./gitlab.ts";
import { harborProvider } from "./harbor.ts";
import { quayProvider } from "./quay.ts";
import { artifactoryProvider } from "./artifactory.ts";
import { azureDevopsProvider } from "./azure-devops.ts";
import { bitbucketServerProvider } from "./bitbucket-server.ts";
import { garProvider } from "./gar.ts";
import type { WebhookProvider } from "./webhook-provider.ts";

/** Every HTTP webhook source Sluice understands, by URL path. */
export const providers: ReadonlyMap<string, WebhookProvider> = new Map(
  [githubProvider, gitlabProvider, giteaProvider, bitbucketProvider,
    distributionProvider, harborProvider, dockerhubProvider, quayProvider, acrProvider, genericProvider,
    bitbucketServerProvider, azureDevopsProvider, artifactoryProvider, garProvider].map((p) => [p.path, p]),
);

/**
 * The provider serving `path`: an exact match, or a secret-path provider's path plus one
 * segment. A secret-path provider's bare path is its too, so a URL missing its secret is
 * answered 401 (missing credentials), like any other endpoint without its credential.
 */
export function providerFor(path: string): WebhookProvider | undefined {
  const trimmed = path.replace(/\/+$/, "");
  const exact = providers.get(trimmed);
  if (exact) return exact;
  const parent = providers.get(trimmed.slice(0, trimmed.lastIndexOf("/")));
  return parent?.secretInPath ? parent : undefined;
}

/** A path safe to log: a secret path segment is replaced. */
export function redactPath(path: string): string {
  for (const provider of providers.values()) {
    if (provider.secretInPath && path.startsWith(`${provider.path}/`)) return `${provider.path}/…`;
  }
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}
