import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { collectStatus } from "../../../../src/jobs/status/collect-status.ts";
import { appRecordSchema } from "../../../../src/engine/record/app-record.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";

const OLD = "1".repeat(40);
const NEW = "2".repeat(40);

describe("sluice status of a sync under way", () => {
  const config = configSchema.parse({
    clusters: [{ name: "prod", kubeconfig: { path: "/dev/null" } }],
    apps: [{ name: "web", source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { cluster: "prod", namespace: "web" } }],
  });
  const synced = { app: "web", revision: OLD, images: {}, sync: { status: "Synced" as const }, health: { status: "Healthy" as const }, inventory: [], history: [] };

  it("shows Syncing, not the applied revision's Synced, while the record holds a running operation", async () => {
    // Prepare: a sync to NEW began (its worker was then killed) on a record Synced at OLD
    const destination = new FakeDestination();
    const operation = { phase: "Running" as const, revision: NEW, trigger: "webhook", deliveryId: "d-7", startedAt: "2026-01-01T00:00:00.000Z", objects: 12, applied: 5 };
    destination.record = { ...synced, operation };

    // Act
    const [row] = await collectStatus(config, () => destination, { cached: true });

    // Assess
    expect(row).toMatchObject({ revision: OLD, sync: "Syncing", message: `sync to ${NEW.slice(0, 12)} began 2026-01-01T00:00:00.000Z and has not finished: interrupted at 5 of 12 objects, or still running` });
  });

  it("reads records written before operations were kept, as they were", async () => {
    // Prepare
    const destination = new FakeDestination();
    destination.record = appRecordSchema.parse(synced);

    // Act
    const [row] = await collectStatus(config, () => destination, { cached: true });

    // Assess
    expect(destination.record.operation).toBeUndefined();
    expect(row).toMatchObject({ sync: "Synced" });
  });
});
