import type { Notification } from "../../core/notify/notification.ts";
import type { NotificationsConfig } from "../../core/config/notifications-config.ts";
import { DEFAULT_TEMPLATES } from "./default-templates.ts";
import { renderTemplate } from "./render-template.ts";
import type { NotificationMessage } from "../../core/notify/notification-message.ts";

export type { NotificationMessage };

/** Renders the trigger's template (the config's, else the default) and lists every field the notification has. */
export function notificationMessage(n: Notification, templates: NotificationsConfig["templates"] = {}): NotificationMessage {
  const template = { ...DEFAULT_TEMPLATES[n.trigger], ...templates[n.trigger] };
  return { title: renderTemplate(template.title, n).trim(), text: renderTemplate(template.text, n).trim(), facts: factsOf(n), links: linksOf(n) };
}

const tagOf = (t: { tag: string; digest?: string | undefined }) => (t.digest ? `${t.tag} (${t.digest.slice(0, 19)})` : t.tag);
const commitLine = (c: NonNullable<Notification["commit"]>) =>
  [c.sha.slice(0, 12), c.subject, c.author ? `by ${c.author}` : undefined].filter(Boolean).join(" ");

function factsOf(n: Notification): NotificationMessage["facts"] {
  const facts: [string, string | undefined][] = [
    ["App", n.app], ["App set", n.appSet], ["Cluster", n.cluster], ["Namespace", n.namespace],
    ["Triggered by", [n.cause.kind, n.cause.provider, n.cause.user].filter(Boolean).join(" ") + ` (${n.cause.deliveryId})`],
    ["Revision", n.revision?.slice(0, 12)],
    ...n.images.map((i): [string, string] => ["Image", `${i.repository} ${i.from ? tagOf(i.from) : "?"} → ${tagOf(i.to)}`]),
    ["Sluice's commit", n.commit && commitLine(n.commit)],
    ["Source commit", n.source && commitLine(n.source)],
    ["Objects", n.objects && objectsLine(n.objects.counts)],
    ["Health", n.health && `${n.health.status}${n.health.healthyAfterSeconds !== undefined ? ` after ${n.health.healthyAfterSeconds} s` : ""}`],
    ["Error", n.error],
  ];
  return facts.flatMap(([label, value]) => (value ? [{ label, value }] : []));
}

function objectsLine(c: { created: number; configured: number; pruned: number; failed: number }): string {
  return `${c.created} created, ${c.configured} configured, ${c.pruned} pruned${c.failed ? `, ${c.failed} failed` : ""}`;
}

function linksOf(n: Notification): NotificationMessage["links"] {
  const links: [string, string | undefined][] = [
    ["Sluice's commit", n.commit?.url], ["Source commit", n.source?.url], ["Pull request", n.pullRequest], ["Dashboard", n.dashboardUrl],
  ];
  return links.flatMap(([label, url]) => (url ? [{ label, url }] : []));
}
