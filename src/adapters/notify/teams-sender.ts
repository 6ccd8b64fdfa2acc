import type { HttpTransport } from "../http/http-transport.ts";
import type { NotificationMessage } from "../../core/notify/notification-message.ts";
import type { Notification } from "../../core/notify/notification.ts";
import { JSON_HEADERS, notifyHttp } from "./notify-http.ts";
import type { NotifySender } from "./notify-sender.ts";

const ATTENTION: Partial<Record<Notification["trigger"], string>> = {
  "on-deployed": "Good", "on-drift-healed": "Good", "on-sync-failed": "Attention", "on-health-degraded": "Attention",
  "on-not-checked": "Warning", "on-drift-found": "Warning", "on-rollback-hold-set": "Warning",
};

/** An Adaptive Card 1.4 (what Teams renders): title, text, a FactSet, and one Action.OpenUrl per link. */
export function adaptiveCard(n: Notification, m: NotificationMessage): Record<string, unknown> {
  return {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body: [
      { type: "TextBlock", text: m.title, weight: "Bolder", size: "Medium", wrap: true, color: ATTENTION[n.trigger] ?? "Default" },
      { type: "TextBlock", text: m.text || m.title, wrap: true },
      { type: "FactSet", facts: m.facts.map((f) => ({ title: f.label, value: f.value })) },
    ],
    actions: m.links.map((l) => ({ type: "Action.OpenUrl", title: l.label, url: l.url })),
  };
}

/**
 * A Teams workflow webhook ("When a Teams webhook request is received"): a message whose one attachment
 * is the Adaptive Card. The workflow answers 202 Accepted.
 */
export function teamsSender(provider: string, webhookUrl: string, http: HttpTransport): NotifySender {
  return async (n, m) => {
    const body = { type: "message", attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: adaptiveCard(n, m) }] };
    await notifyHttp(http, provider, { method: "POST", url: webhookUrl, headers: JSON_HEADERS, body: JSON.stringify(body) });
  };
}
