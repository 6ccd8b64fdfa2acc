import type { SluiceConfig } from "./app-config.ts";

const HTTP_ENDPOINTS = ["github", "gitlab", "gitea", "bitbucket", "bitbucketServer", "azureDevops", "distribution", "harbor",
  "dockerhub", "quay", "acr", "artifactory", "gar", "generic"] as const;
const SECRET_PATH_ENDPOINTS = new Set<string>(["dockerhub", "quay"]);

/** Facts about a valid configuration a person should know: endpoints that are off, apps that cannot move. */
export function validationNotes(config: SluiceConfig): string[] {
  const notes: string[] = [];
  for (const provider of HTTP_ENDPOINTS) {
    // Pub/Sub proves itself with OIDC tokens, so GAR's endpoint has an audience, not a secret.
    if (!config.webhooks[provider]) notes.push(`webhooks.${provider} ${provider === "gar" ? "is not set" : "has no secret"}: that endpoint is off and answers 404`);
    else if (SECRET_PATH_ENDPOINTS.has(provider)) {
      notes.push(`webhooks.${provider}: the secret travels in the URL (the sender cannot sign); weaker than a signature, keep it at least 32 random bytes`);
    }
  }
  if (!config.webhooks.ecr) notes.push("webhooks.ecr is not set: ECR push events are ignored");
  const on = HTTP_ENDPOINTS.filter((p) => config.webhooks[p]).length + (config.webhooks.ecr ? 1 : 0);
  if (on === 0) notes.push("no webhook endpoint is on: only the sweep will find changes");
  config.apps.forEach((app, i) => {
    if (!app.syncPolicy.automated) notes.push(`apps[${i}] (${app.name}): manual sync; changes are recorded as OutOfSync, not applied`);
  });
  return notes;
}
