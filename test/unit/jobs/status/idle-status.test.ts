import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { collectStatus } from "../../../../src/jobs/status/collect-status.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";

describe("sluice status of a review app removed as idle", () => {
  it("says it was removed as idle and how it comes back, where an app never synced says so", async () => {
    // Prepare: two apps without a record; the sweep removed one as idle
    const config = configSchema.parse({
      apps: ["web1-feature-a", "web1-feature-b"].map((name) => ({ name, source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { directory: `/tmp/${name}`, namespace: name } })),
    });
    const idle = new Map([["web1-feature-a", "2026-06-04T00:00:01.000Z"]]);

    // Act
    const rows = await collectStatus(config, () => new FakeDestination(), { idle });

    // Assess
    expect(rows.map((r) => [r.app, r.sync, r.health, r.message])).toEqual([
      ["web1-feature-a", "OutOfSync", "Missing", "idle since 2026-06-04T00:00:01.000Z: removed until a push to its branch brings it back"],
      ["web1-feature-b", "OutOfSync", "Missing", "never synced"],
    ]);
  });
});
