import { createHmac } from "node:crypto";
import type { HttpTransport } from "../http/http-transport.ts";
import type { NotificationMessage } from "../../core/notify/notification-message.ts";
import type { Notification } from "../../core/notify/notification.ts";
import type { NotificationBody } from "../../core/notify/notification-body.ts";
import { notifyHttp } from "./notify-http.ts";
import type { NotifySender } from "./notify-sender.ts";

/** The body of a signed webhook: Sluice's own (`notificationBodySchema`), or a CloudEvents 1.0 structured event around it. */
export function signedWebhookBody(n: Notification, m: NotificationMessage, format: "sluice" | "cloudevents"): { body: string; contentType: string } {
  const data: NotificationBody = { version: 1, notification: n, message: { title: m.title, text: m.text } };
  if (format === "sluice") return { body: JSON.stringify(data), contentType: "application/json" };
  const event = {
    specversion: "1.0", id: n.id, source: `/sluice/apps/${encodeURIComponent(n.app)}`, type: `io.sluice.${n.trigger.replace(/^on-/, "")}`,
    subject: n.app, time: n.at, datacontenttype: "application/json", data,
  };
  return { body: JSON.stringify(event), contentType: "application/cloudevents+json" };
}

/**
 * POSTs the notification signed as Sluice's generic intake checks its hooks: `X-Signature: sha256=<hex HMAC-SHA256
 * of the raw body>` under the first secret, `X-Delivery-Id` the notification's dedupe key, so a receiver drops repeats.
 */
export function signedWebhookSender(provider: string, url: string, secret: string, format: "sluice" | "cloudevents", http: HttpTransport): NotifySender {
  return async (n, m) => {
    const { body, contentType } = signedWebhookBody(n, m, format);
    const signature = createHmac("sha256", secret).update(body).digest("hex");
    const headers = { "content-type": contentType, "user-agent": "sluice", "x-signature": `sha256=${signature}`, "x-delivery-id": n.id, "x-sluice-event": n.trigger };
    await notifyHttp(http, provider, { method: "POST", url, headers, body });
  };
}
