import { describe, expect, it } from "vitest";
import type { AppIndex } from "../../../../src/core/apps/app-index.ts";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { notificationsConfigSchema } from "../../../../src/core/config/notifications-config.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { Notification } from "../../../../src/core/notify/notification.ts";
import type { QueuedJob } from "../../../../src/core/queue/job.ts";
import { notificationId } from "../../../../src/engine/notify/notification-id.ts";
import { queueNotifications } from "../../../../src/jobs/notify/queue-notifications.ts";

const app = (name: string) => configSchema.parse({ apps: [{ name, source: { repo: "https://git.example.com/acme/charts.git" }, render: { directory: {} }, destination: { directory: "out", namespace: "web" } }] }).apps[0];

function indexOf(entries: { name: string; appSet?: string; labels?: Record<string, string> }[]): AppIndex {
  const list = entries.map((e) => {
    const a = app(e.name);
    if (!a) throw new Error("no app");
    return { app: a, definedIn: "sluice.yaml", labels: e.labels ?? {}, ...(e.appSet ? { appSet: e.appSet } : {}) };
  });
  return { revision: "r", entries: list, get: (name) => list.find((e) => e.app.name === name), problems: [] };
}

const deployed = (appName: string): Notification => ({
  id: notificationId(appName, "r", "on-deployed"), trigger: "on-deployed", at: "2026-12-02T00:00:00.000Z", app: appName, cause: { kind: "webhook", deliveryId: "d-1" }, images: [],
});

describe("queueNotifications", () => {
  it("queues one job per subscribed provider, selected by app, app set and labels, each in its provider's group", async () => {
    const config = notificationsConfigSchema.parse({
      providers: ["all", "review", "prod"].map((name) => ({ name, type: "teams", url: { env: "X" } })),
      subscriptions: [
        { providers: ["all"] },
        { providers: ["review"], appSets: ["previews"] },
        { providers: ["prod"], labels: { env: "prod" }, triggers: ["on-sync-failed"] },
      ],
    });
    const queued: QueuedJob[] = [];
    const index = indexOf([{ name: "pr-7", appSet: "previews" }, { name: "web", labels: { env: "prod" } }]);

    await queueNotifications([deployed("pr-7"), deployed("web")], { config, queue: { enqueue: async (jobs) => void queued.push(...jobs) }, appIndex: async () => index, logger: silentLogger });

    expect(queued.map((q) => [q.job.app, q.groupId])).toEqual([["pr-7", "notify:all"], ["pr-7", "notify:review"], ["web", "notify:all"]]);
    expect(new Set(queued.map((q) => q.deduplicationId)).size).toBe(3);
  });

  it("never throws: a queue that refuses leaves the sync as it was", async () => {
    const config = notificationsConfigSchema.parse({ providers: [{ name: "all", type: "teams", url: { env: "X" } }], subscriptions: [{ providers: ["all"] }] });
    const errors: unknown[] = [];
    const logger = { ...silentLogger, error: (_m: string, fields?: Record<string, unknown>) => void errors.push(fields?.["error"]) };

    await queueNotifications([deployed("web")], { config, queue: { enqueue: () => Promise.reject(new Error("queue down")) }, appIndex: async () => indexOf([]), logger });

    expect(errors).toEqual(["queue down"]);
  });
});
