import type { HttpTransport } from "../http/http-transport.ts";
import type { NotificationMessage } from "../../core/notify/notification-message.ts";
import type { Notification } from "../../core/notify/notification.ts";
import { JSON_HEADERS, notifyHttp } from "./notify-http.ts";
import type { NotifySender } from "./notify-sender.ts";

// Block Kit's limits: a header's text 150 characters, a section's text 3000, 10 fields of 2000 each.
const HEADER_MAX = 150;
const TEXT_MAX = 3000;
const FIELDS_PER_SECTION = 10;
const FIELD_MAX = 2000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The Block Kit body of an incoming-webhook message: header, text, facts as fields, link buttons, context. */
export function slackBody(n: Notification, m: NotificationMessage): Record<string, unknown> {
  const fields = m.facts.map((f) => ({ type: "mrkdwn", text: cut(`*${f.label}*\n${f.value}`, FIELD_MAX) }));
  const sections = [];
  for (let i = 0; i < fields.length; i += FIELDS_PER_SECTION) sections.push({ type: "section", fields: fields.slice(i, i + FIELDS_PER_SECTION) });
  const buttons = m.links.map((l, i) => ({ type: "button", action_id: `link-${i}`, text: { type: "plain_text", text: l.label }, url: l.url }));
  return {
    text: cut(`${m.title}: ${m.text}`, TEXT_MAX),
    blocks: [
      { type: "header", text: { type: "plain_text", text: cut(m.title, HEADER_MAX), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: cut(m.text || m.title, TEXT_MAX) } },
      ...sections,
      ...(buttons.length ? [{ type: "actions", elements: buttons }] : []),
      { type: "context", elements: [{ type: "mrkdwn", text: `${n.trigger} · ${n.at} · ${n.id.slice(0, 12)}` }] },
    ],
  };
}

/** Slack incoming webhook: POST the message; Slack answers 200 `ok`, 429 with Retry-After when sent too fast. */
export function slackSender(provider: string, webhookUrl: string, http: HttpTransport): NotifySender {
  return async (n, m) => {
    await notifyHttp(http, provider, { method: "POST", url: webhookUrl, headers: JSON_HEADERS, body: JSON.stringify(slackBody(n, m)) });
  };
}
