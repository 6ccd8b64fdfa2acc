import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import { PermanentJobError } from "../../../../src/core/errors/permanent-job-error.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import type { GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import { syncApp, type SyncDeps } from "../../../../src/jobs/sync/sync-app.ts";
import { FakeDestination } from "./sync-fake-destination.ts";

const OLD = "b".repeat(40);
const BROKEN = "c".repeat(40);
const FIXED = "d".repeat(40);

const app: AppConfig = (() => {
  const parsed = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git", path: "app" }, render: { directory: {} }, destination: { directory: "/unused", namespace: "shop" } }] }).apps[0];
  if (!parsed) throw new Error("no app");
  return parsed;
})();

describe("a render failure is recorded and final for its revision", () => {
  let dir: string;
  let head: string;
  let destination: FakeDestination;
  let deps: SyncDeps;
  const workspace = (): GitWorkspace => ({ dir, head: async () => head, readFile: async () => "", writeFile: async () => {}, commit: async () => "", push: async () => {}, dispose: async () => {} });
  const commit = async (revision: string, text: string) => {
    head = revision;
    await writeFile(join(dir, "app", "cm.yaml"), text);
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-render-failure-"));
    await mkdir(join(dir, "app"));
    destination = new FakeDestination();
    destination.record = { app: "shop", revision: OLD, images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: ["v1/ConfigMap/shop/a"], history: [] } satisfies AppRecord;
    destination.run = { results: [{ key: "v1/ConfigMap/shop/a", kind: "ConfigMap", name: "a", namespace: "shop", status: "applied" }], rendered: ["v1/ConfigMap/shop/a"], inventory: ["v1/ConfigMap/shop/a"], deferredPrune: [] };
    const unused: CommandRunner = () => Promise.reject(new Error("no renderer for a directory app"));
    deps = { destinationFor: () => destination, render: { helm: "helm", kubectl: "kubectl", run: unused, timeoutMs: 1000 }, logger: silentLogger, now: () => new Date("2026-01-02T03:04:05Z"), sleep: async () => {} };
  });

  it("records a broken commit on the app (sync Unknown, the file and line, the revision) and ends the job for good", async () => {
    // Prepare
    await commit(BROKEN, "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a\n");

    // Act
    const failure = await syncApp(app, workspace(), { trigger: "webhook", deliveryId: "d-1" }, deps).catch((e: unknown) => e);

    // Assess
    expect(failure).toBeInstanceOf(PermanentJobError);
    expect((failure as Error).message).toMatch(/^shop: render of cccccccccccc failed: app\/cm\.yaml:4: Flow map in block collection/);
    expect(destination.calls).toEqual([]);
    expect(destination.record).toMatchObject({
      revision: OLD,
      sync: { status: "Unknown", message: expect.stringMatching(/^render of cccccccccccc failed: app\/cm\.yaml:4: Flow map/) },
      renderError: { revision: BROKEN, at: "2026-01-02T03:04:05.000Z" },
      history: [{ revision: BROKEN, trigger: "webhook", deliveryId: "d-1", result: "Failed" }],
    });
  });

  it("does not render the same revision again for a webhook or the sweep, but does for a person's sync", async () => {
    await commit(BROKEN, "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a\n");
    await syncApp(app, workspace(), { trigger: "webhook", deliveryId: "d-1" }, deps).catch(() => undefined);
    const writes = destination.writes.length;
    // The file renders now: a job that rendered it would apply it.
    await writeFile(join(dir, "app", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n");

    const again = await syncApp(app, workspace(), { trigger: "sweep", deliveryId: "d-2" }, deps).catch((e: unknown) => e);

    expect(again).toBeInstanceOf(PermanentJobError);
    expect((again as Error).message).toMatch(/^shop: cccccccccccc failed to render at 2026-01-02T03:04:05.000Z and is not rendered again until a newer commit or `sluice sync`: /);
    expect([destination.writes.length, destination.calls]).toEqual([writes, []]);
    const manual = await syncApp(app, workspace(), { trigger: "manual", deliveryId: "d-3" }, deps);
    expect(manual.status).toBe("synced");
  });

  it("clears the failure with the next good commit, and keeps it while only the applied revision is checked", async () => {
    await commit(BROKEN, "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a\n");
    await syncApp(app, workspace(), { trigger: "webhook", deliveryId: "d-1" }, deps).catch(() => undefined);

    // Act: the applied revision diffed again (a drift check) leaves the failure in place
    await commit(OLD, "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n");
    await syncApp(app, workspace(), { trigger: "sweep", deliveryId: "d-2" }, deps);
    expect(destination.record?.renderError?.revision).toBe(BROKEN);

    // Act: a fix lands
    await commit(FIXED, "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n");
    const outcome = await syncApp(app, workspace(), { trigger: "webhook", deliveryId: "d-3" }, deps);

    // Assess
    expect(outcome.status).toBe("synced");
    expect(destination.record).toMatchObject({ revision: FIXED, sync: { status: "Synced" } });
    expect(destination.record?.renderError).toBeUndefined();
  });
});
