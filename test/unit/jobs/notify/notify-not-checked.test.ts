import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import type { Notification } from "../../../../src/core/notify/notification.ts";
import { PermanentJobError } from "../../../../src/core/errors/permanent-job-error.ts";
import type { Notifications } from "../../../../src/core/queue/notifications.ts";
import { notifyNotChecked } from "../../../../src/jobs/notify/notify-not-checked.ts";
import { notifyJobFailed } from "../../../../src/jobs/notify/notify-job-failed.ts";

const { apps } = configSchema.parse({
  clusters: [{ name: "prod", kubeconfig: { path: "/nowhere" } }],
  apps: ["web", "api"].map((name) => ({ name, source: { repo: "https://github.com/acme/charts.git" }, render: { directory: {} }, destination: { cluster: "prod", namespace: name } })),
});

function recorder() {
  const emitted: Notification[] = [];
  const notifications: Notifications = { emit: async (n) => void emitted.push(...n), deliver: () => Promise.reject(new Error("not here")) };
  return { emitted, deps: { notifications, now: () => new Date("2026-12-02T00:00:00Z") } };
}

describe("notifyNotChecked", () => {
  it("says an app is not checked when it becomes unknown, not again while it stays so", async () => {
    const { emitted, deps } = recorder();
    const unknown = [{ app: "web", reason: "cluster prod: connect ECONNREFUSED" }, { app: "api", reason: "cluster prod: connect ECONNREFUSED" }];

    await notifyNotChecked(unknown, { api: "cluster prod: connect ECONNREFUSED" }, apps, "sweep-2026-12-02T00:00:00.000Z", deps);

    expect(emitted.map((n) => [n.trigger, n.app, n.cluster, n.cause.kind, n.error])).toEqual([
      ["on-not-checked", "web", "prod", "sweep", "cluster prod: connect ECONNREFUSED"],
    ]);
  });
});

describe("notifyJobFailed", () => {
  it("a job failed for good is a failed sync with the worker's error; a notify job failing says nothing", async () => {
    const { emitted, deps } = recorder();
    const error = new PermanentJobError("web: render of 3f1c2d9e8b7a failed: templates/deployment.yaml:12: unexpected '}'");

    await notifyJobFailed({ kind: "sync", app: "web", deliveryId: "d-1", trigger: "webhook" }, error, { ...deps, config: { apps } });
    const [failed] = emitted;
    if (!failed) throw new Error("nothing emitted");
    await notifyJobFailed({ kind: "notify", app: "web", provider: "team", deliveryId: "d-1", notification: failed }, error, { ...deps, config: { apps } });

    expect(emitted.map((n) => [n.trigger, n.app, n.error])).toEqual([["on-sync-failed", "web", error.message]]);
  });
});
