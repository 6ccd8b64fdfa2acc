import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import type { Notification } from "../../../../src/core/notify/notification.ts";
import type { ImageUpdateJob } from "../../../../src/core/queue/job.ts";
import type { Notifications } from "../../../../src/core/queue/notifications.ts";
import { notifyAfterImage } from "../../../../src/jobs/image/notify-after-image.ts";

const app = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://github.com/acme/charts.git" }, render: { directory: {} }, destination: { directory: "out", namespace: "web" } }] }).apps[0];
const job: ImageUpdateJob = { kind: "image-update", app: "web", repository: "ghcr.io/acme/web", tag: "1.2.0", digest: `sha256:${"d".repeat(64)}`, deliveryId: "d-9" };
const SHA = "e".repeat(40);

function recorder(): { emitted: Notification[]; deps: { notifications: Notifications; now: () => Date } } {
  const emitted: Notification[] = [];
  const notifications: Notifications = { emit: async (n) => void emitted.push(...n), deliver: () => Promise.reject(new Error("not here")) };
  return { emitted, deps: { notifications, now: () => new Date("2026-12-02T00:00:00Z") } };
}

describe("notifyAfterImage", () => {
  it("a committed bump says image updated (old -> new tag and digest, Sluice's commit), then what its sync did", async () => {
    if (!app) throw new Error("no app");
    const { emitted, deps } = recorder();
    const sync = { revision: SHA, status: "synced" as const, resources: [], health: { status: "Healthy" as const } };

    await notifyAfterImage({ job, app, previous: undefined, outcome: { app: "web", status: "committed", from: "1.1.0", to: "1.2.0", commit: SHA, sync }, healthyAfterMs: 3_000 }, deps);

    expect(emitted.map((n) => n.trigger)).toEqual(["on-image-updated", "on-deployed"]);
    for (const n of emitted) {
      expect(n).toMatchObject({
        images: [{ repository: "ghcr.io/acme/web", from: { tag: "1.1.0" }, to: { tag: "1.2.0", digest: job.digest } }],
        commit: { sha: SHA, url: `https://github.com/acme/charts/commit/${SHA}` }, cause: { kind: "webhook", deliveryId: "d-9" },
      });
    }
    expect(emitted[1]?.health).toEqual({ status: "Healthy", healthyAfterSeconds: 3 });
  });

  it("a proposed bump says image updated with the pull request's link; a rollback hold says so", async () => {
    if (!app) throw new Error("no app");
    const { emitted, deps } = recorder();
    const hold = { tag: "1.1.0", from: "1.2.0", message: "held at 1.1.0: rolled back by a person" };

    await notifyAfterImage({ job, app, previous: undefined, outcome: { app: "web", status: "proposed", to: "1.2.0", pullRequest: "https://github.com/acme/charts/pull/7" } }, deps);
    await notifyAfterImage({ job, app, previous: undefined, outcome: { app: "web", status: "held", to: "1.1.0" }, hold }, deps);

    expect(emitted.map((n) => [n.trigger, n.pullRequest, n.hold?.tag])).toEqual([
      ["on-image-updated", "https://github.com/acme/charts/pull/7", undefined],
      ["on-rollback-hold-set", undefined, "1.1.0"],
    ]);
  });
});
