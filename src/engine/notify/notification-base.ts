import type { AppConfig } from "../../core/config/app-config.ts";
import type { Notification } from "../../core/notify/notification.ts";

/** What every notification about one app says: who it is, where it runs, and what set the job off. */
export type NotificationBase = Pick<Notification, "at" | "app" | "appSet" | "cluster" | "namespace" | "cause" | "repo" | "branch" | "dashboardUrl">;

export interface BaseFacts {
  app: AppConfig;
  appSet?: string | undefined;
  /** The job's trigger: webhook, sweep, manual (the CLI), refresh (the dashboard), image-update, self-heal. */
  trigger: string;
  deliveryId: string;
  /** The webhook's provider, when a webhook started it. */
  provider?: string | undefined;
  /** `{{app}}` in it is the app's name. */
  dashboardUrl?: string | undefined;
  at: Date;
}

/** The fields every notification of one job shares. */
export function notificationBase(f: BaseFacts): NotificationBase {
  const cluster = "cluster" in f.app.destination ? f.app.destination.cluster : undefined;
  return {
    at: f.at.toISOString(),
    app: f.app.name,
    ...(f.appSet ? { appSet: f.appSet } : {}),
    ...(cluster ? { cluster } : {}),
    namespace: f.app.destination.namespace,
    cause: causeOf(f),
    repo: f.app.source.repo,
    branch: f.app.source.branch,
    ...(f.dashboardUrl ? { dashboardUrl: f.dashboardUrl.replaceAll("{{app}}", encodeURIComponent(f.app.name)) } : {}),
  };
}

function causeOf(f: BaseFacts): Notification["cause"] {
  const provider = f.provider ? { provider: f.provider } : {};
  // Jobs the sweep queued carry its id (`sweep-<time>`) as their delivery id, whatever their kind.
  if (f.trigger === "sweep" || f.deliveryId.startsWith("sweep-")) return { kind: "sweep", deliveryId: f.deliveryId };
  if (f.trigger === "manual") return { kind: "cli", deliveryId: f.deliveryId };
  if (f.trigger === "refresh") return { kind: "dashboard", deliveryId: f.deliveryId };
  if (f.trigger === "self-heal") return { kind: "self-heal", deliveryId: f.deliveryId };
  return { kind: "webhook", ...provider, deliveryId: f.deliveryId };
}
