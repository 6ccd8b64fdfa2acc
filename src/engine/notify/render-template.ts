import type { Notification } from "../../core/notify/notification.ts";

/**
 * Fills `{{path}}` placeholders from a notification: `{{app}}`, `{{revision}}`, `{{source.subject}}`,
 * `{{images.0.to.tag}}`, `{{short revision}}` (12 characters). A path with no value renders as nothing.
 */
export function renderTemplate(template: string, n: Notification): string {
  return template.replace(/\{\{\s*(short\s+)?([\w.-]+)\s*\}\}/g, (_all, short: string | undefined, path: string) => {
    const value = lookup(n, path);
    const text = value === undefined || value === null || typeof value === "object" ? "" : String(value);
    return short ? text.slice(0, 12) : text;
  });
}

function lookup(root: unknown, path: string): unknown {
  let value: unknown = root;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
