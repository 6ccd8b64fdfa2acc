import { describe, expect, it } from "vitest";
import type { Notification } from "../../../../src/core/notify/notification.ts";
import { notificationMessage } from "../../../../src/engine/notify/notification-message.ts";
import { notificationId } from "../../../../src/engine/notify/notification-id.ts";

const n: Notification = {
  id: notificationId("web", "r", "on-sync-failed"), trigger: "on-sync-failed", at: "2026-12-02T00:00:00.000Z", app: "web", namespace: "web",
  cause: { kind: "cli", deliveryId: "cli-1" }, revision: "3f1c2d9e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e", images: [],
  error: "Deployment/web: spec.replicas: Invalid value: -1", dashboardUrl: "https://sluice.example.com/apps/web",
};

describe("notificationMessage", () => {
  it("renders the trigger's default template and lists only the facts the notification has", () => {
    const m = notificationMessage(n);

    expect(m.title).toBe("web: sync failed");
    expect(m.text).toBe("The sync of web at 3f1c2d9e8b7a failed: Deployment/web: spec.replicas: Invalid value: -1");
    expect(m.facts.map((f) => f.label)).toEqual(["App", "Namespace", "Triggered by", "Revision", "Error"]);
    expect(m.links).toEqual([{ label: "Dashboard", url: "https://sluice.example.com/apps/web" }]);
  });

  it("takes the config's template for the trigger, a missing field rendering as nothing", () => {
    const m = notificationMessage(n, { "on-sync-failed": { title: "[{{cluster}}] {{app}} broke at {{short revision}}" } });

    expect(m.title).toBe("[] web broke at 3f1c2d9e8b7a");
    expect(m.text).toMatch(/^The sync of web/);
  });
});
