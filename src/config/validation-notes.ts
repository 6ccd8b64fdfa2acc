import type { SluiceConfig } from "./app-config.ts";

/** Facts about a valid configuration a person should know: endpoints that are off, apps that cannot move. */
export function validationNotes(config: SluiceConfig): string[] {
  const notes: string[] = [];
  const endpoints = Object.entries(config.webhooks).filter(([, v]) => v !== undefined).map(([k]) => k);
  for (const provider of ["distribution"] as const) {
    if (!config.webhooks[provider]) notes.push(`webhooks.${provider} has no secret: that endpoint is off and answers 404`);
  }
  if (endpoints.length === 0) notes.push("no webhook endpoint is on: only the sweep will find changes");
  config.apps.forEach((app, i) => {
    if (!app.syncPolicy.automated) notes.push(`apps[${i}] (${app.name}): manual sync; changes are recorded as OutOfSync, not applied`);
  });
  return notes;
}
