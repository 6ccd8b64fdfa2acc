import type { NotificationsConfig } from "../../core/config/notifications-config.ts";
import type { Trigger } from "../../core/notify/notification.ts";

/** The app as subscriptions select it: its name, the app set that made it, its labels. */
export interface SubscribedApp {
  name: string;
  appSet?: string | undefined;
  labels: Readonly<Record<string, string>>;
}

/**
 * The providers that want this trigger of this app, each once: a subscription selects by app name,
 * app set and labels (all it names must match), and every app when it names none.
 */
export function subscribedProviders(config: NotificationsConfig, app: SubscribedApp, trigger: Trigger): string[] {
  const out = new Set<string>();
  for (const s of config.subscriptions) {
    if (!s.triggers.includes(trigger)) continue;
    if (s.apps && !s.apps.includes(app.name)) continue;
    if (s.appSets && (!app.appSet || !s.appSets.includes(app.appSet))) continue;
    if (s.labels && !Object.entries(s.labels).every(([k, v]) => app.labels[k] === v)) continue;
    for (const p of s.providers) out.add(p);
  }
  return [...out];
}
