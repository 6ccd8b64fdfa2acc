import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { collectStatus } from "../../../../src/jobs/status/collect-status.ts";
import { formatStatus } from "../../../../src/jobs/status/format-status.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";

describe("sluice status", () => {
  it("lists apps per cluster with live health and a summary line of counts", async () => {
    // Prepare: two clusters; one app healthy, one progressing with a message, one never synced, one left over
    const config = configSchema.parse({
      clusters: [{ name: "prod", kubeconfig: { path: "/dev/null" } }, { name: "stage", kubeconfig: { path: "/dev/null" } }],
      apps: ["web", "api", "new"].map((name, i) => ({ name, source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { cluster: i === 1 ? "stage" : "prod", namespace: name } })),
    });
    const prod = new FakeDestination();
    const stage = new FakeDestination();
    const base = { images: {}, inventory: ["apps/v1/Deployment/web/web"], health: { status: "Unknown" as const } };
    prod.record = { app: "web", revision: "1".repeat(40), sync: { status: "Synced" }, history: [{ at: "2026-01-01T00:00:00.000Z", revision: "1".repeat(40), trigger: "webhook", deliveryId: "d", result: "Succeeded" }], ...base };
    prod.readRecord = async (app) => (app === "web" ? prod.record : undefined);
    prod.listRecords = async () => [prod.record ?? base as never, { ...base, app: "gone", revision: "9".repeat(40), sync: { status: "Synced" }, history: [] }];
    stage.record = { app: "api", revision: "2".repeat(40), sync: { status: "OutOfSync", message: "1 resource(s) differ from git" }, history: [], ...base };
    stage.healths = [{ status: "Progressing", message: "Deployment/api/api: 1 of 2 updated replicas are available..." }];

    // Act
    const text = formatStatus(await collectStatus(config, (app) => ("cluster" in app.destination && app.destination.cluster === "stage" ? stage : prod)));

    // Assess
    expect(text).toBe([
      "CLUSTER prod",
      "  APP   REVISION      SYNC       HEALTH       LAST CHANGE",
      "  gone  999999999999  Unknown    Unknown      never",
      "    not in the configuration: `sluice delete` needs it configured to remove it",
      "  new   (none)        OutOfSync  Missing      never",
      "    never synced",
      "  web   111111111111  Synced     Healthy      2026-01-01T00:00:00.000Z",
      "",
      "CLUSTER stage",
      "  APP   REVISION      SYNC       HEALTH       LAST CHANGE",
      "  api   222222222222  OutOfSync  Progressing  never",
      "    1 resource(s) differ from git; Deployment/api/api: 1 of 2 updated replicas are available...",
      "",
      "clusters=2 apps=4 synced=1 out-of-sync=2 healthy=1 progressing=1 degraded=0 other=2",
      "",
    ].join("\n"));
  });
});
