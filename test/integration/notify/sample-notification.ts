import type { Notification } from "../../../src/core/notify/notification.ts";
import { syncNotifications } from "../../../src/engine/notify/sync-notifications.ts";

export const REVISION = "3f1c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e";

/** A deploy of an image bump as syncNotifications builds it: every field a message can show. */
export function deployedNotification(dashboardUrl: string): Notification {
  const [deployed] = syncNotifications({
    base: {
      at: "2026-12-02T01:02:03.000Z", app: "web-prod", appSet: "web", cluster: "prod", namespace: "web",
      cause: { kind: "webhook", provider: "distribution", deliveryId: "6f0c1b52-delivery" },
      repo: "https://github.com/acme/charts.git", branch: "main", dashboardUrl,
    },
    previous: { app: "web-prod", revision: "a".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: ["apps/v1/Deployment/web/web"], history: [] },
    outcome: {
      revision: REVISION, status: "synced", healthyAfterMs: 8_400, health: { status: "Healthy" },
      resources: [
        { key: "apps/v1/Deployment/web/web", kind: "Deployment", name: "web", namespace: "web", status: "applied" },
        { key: "v1/ConfigMap/web/web-env", kind: "ConfigMap", name: "web-env", namespace: "web", status: "applied" },
        { key: "v1/Service/web/old", kind: "Service", name: "old", namespace: "web", status: "pruned" },
      ],
    },
    extra: {
      images: [{ repository: "registry.example.com/team/web", from: { tag: "1.4.2" }, to: { tag: "1.5.0", digest: `sha256:${"b".repeat(64)}` } }],
      commit: { sha: REVISION, url: `https://github.com/acme/charts/commit/${REVISION}`, subject: "[skip ci] sluice: web-prod registry.example.com/team/web 1.5.0", author: "sluice <sluice@example.com>" },
      source: { sha: REVISION, url: `https://github.com/acme/charts/commit/${REVISION}`, subject: "[skip ci] sluice: web-prod registry.example.com/team/web 1.5.0", author: "sluice <sluice@example.com>" },
    },
  });
  if (!deployed) throw new Error("syncNotifications made no deployed notification");
  return deployed;
}
