import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import type { GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import { RenderCache } from "../../../../src/adapters/render/render-cache.ts";
import { syncApp, type SyncDeps } from "../../../../src/jobs/sync/sync-app.ts";
import { FakeDestination } from "./sync-fake-destination.ts";

const REV = "a".repeat(40);
const OLD = "b".repeat(40);

function appWith(syncPolicy: Record<string, unknown> = {}): AppConfig {
  const app = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git", path: "app" }, render: { directory: {} }, destination: { directory: "/unused", namespace: "shop" }, syncPolicy }] }).apps[0];
  if (!app) throw new Error("no app");
  return app;
}

const recordAt = (revision: string, extra: Partial<AppRecord> = {}): AppRecord => ({ app: "shop", revision, images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: ["v1/ConfigMap/shop/a"], history: [], ...extra });

describe("syncApp", () => {
  let dir: string;
  let workspace: GitWorkspace;
  let destination: FakeDestination;
  let sleeps: number[];
  let deps: SyncDeps;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-sync-app-"));
    await mkdir(join(dir, "app"));
    await writeFile(join(dir, "app", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n");
    workspace = { dir, head: async () => REV, readFile: async () => "", writeFile: async () => {}, commit: async () => "", push: async () => {}, dispose: async () => {} };
    destination = new FakeDestination();
    destination.run = { results: [{ key: "v1/ConfigMap/shop/a", kind: "ConfigMap", name: "a", namespace: "shop", status: "applied" }], rendered: ["v1/ConfigMap/shop/a"], inventory: ["v1/ConfigMap/shop/a"], deferredPrune: [] };
    sleeps = [];
    const unusedRunner: CommandRunner = () => Promise.reject(new Error("no renderer needed for a directory app"));
    deps = { destinationFor: () => destination, render: { helm: "helm", kubectl: "kubectl", run: unusedRunner, timeoutMs: 1000, cache: new RenderCache() }, logger: silentLogger, now: () => new Date("2026-01-02T03:04:05Z"), sleep: async (ms) => void sleeps.push(ms) };
  });

  it("applies a new revision, follows health to Healthy and records revision, health and history", async () => {
    // Prepare
    destination.record = recordAt(OLD);
    destination.healths = [{ status: "Progressing", message: "rolling" }, { status: "Progressing" }, { status: "Healthy" }];

    // Act
    const outcome = await syncApp(appWith(), workspace, { trigger: "webhook", deliveryId: "d-1" }, deps);

    // Assess: the record read once, marked as syncing REV before the apply, and written when health
    // settled on the record its own first write left, without reading it again
    expect(outcome).toMatchObject({ revision: REV, status: "synced", health: { status: "Healthy" } });
    expect(sleeps).toEqual([2000, 2000]);
    expect([destination.reads, destination.writes.length]).toEqual([1, 2]);
    expect(destination.writes[0]).toMatchObject({ revision: OLD, operation: { phase: "Running", revision: REV, trigger: "webhook", deliveryId: "d-1", objects: 1 } });
    expect(destination.record?.operation).toBeUndefined();
    expect(destination.record).toMatchObject({ revision: REV, sync: { status: "Synced" }, health: { status: "Healthy" }, history: [{ at: "2026-01-02T03:04:05.000Z", revision: REV, trigger: "webhook", deliveryId: "d-1", result: "Succeeded" }] });
  });

  it("stops following at the app's timeout and reports Progressing", async () => {
    destination.healths = [{ status: "Progressing", message: "waiting for pods" }];
    const outcome = await syncApp(appWith({ healthTimeoutSeconds: 5 }), workspace, { trigger: "manual", deliveryId: "d" }, deps);
    expect(sleeps).toEqual([2000, 2000, 1000]);
    expect(outcome.health).toEqual({ status: "Progressing", message: "still progressing after 5 s: waiting for pods" });
    expect(destination.record?.health.status).toBe("Progressing");
  });

  it("stops following on Degraded and records it", async () => {
    destination.healths = [{ status: "Progressing" }, { status: "Degraded", message: "Deployment/web: exceeded its progress deadline" }];
    const outcome = await syncApp(appWith(), workspace, { trigger: "manual", deliveryId: "d" }, deps);
    expect(outcome.health?.status).toBe("Degraded");
    expect(sleeps).toEqual([2000]);
  });

  it("records a new revision of a manual app as awaiting a sync, applying nothing", async () => {
    destination.record = recordAt(OLD);
    const outcome = await syncApp(appWith({ automated: false }), workspace, { trigger: "sweep", deliveryId: "d" }, deps);
    expect(outcome).toMatchObject({ status: "out-of-sync", message: `revision ${REV.slice(0, 12)} awaits a manual sync` });
    expect(destination.calls).toEqual([]);
    expect(destination.record).toMatchObject({ revision: OLD, sync: { status: "OutOfSync" } });
  });

  it("marks a sync that failed for a reason that passes, and finishes it at the same revision without self-heal", async () => {
    // Prepare: the apply met an API server that was away
    destination.record = recordAt(OLD);
    const failedRun = { ...destination.run, results: [{ key: "v1/ConfigMap/shop/a", kind: "ConfigMap", name: "a", namespace: "shop", status: "failed" as const, message: "503", transient: true as const }] };
    destination.runs = [failedRun];
    destination.diffResult = { resources: [{ ref: { apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "shop" }, status: "OutOfSync", reason: "missing", diff: "+a\n" }] };

    // Act: the webhook's sync fails; the sweep's sync of the same revision follows
    const failed = await syncApp(appWith(), workspace, { trigger: "webhook", deliveryId: "d-1" }, deps);
    const marked = destination.record?.sync;
    const finished = await syncApp(appWith(), workspace, { trigger: "sweep", deliveryId: "d-2" }, deps);

    // Assess
    expect(failed.status).toBe("failed");
    expect(marked).toMatchObject({ status: "OutOfSync", retry: true });
    expect(finished.status).toBe("synced");
    expect(destination.record?.sync).toEqual({ status: "Synced" });
    expect(destination.record?.history[0]).toMatchObject({ trigger: "retry", result: "Succeeded", deliveryId: "d-2" });
  });

  it("at the same revision, diffs: nothing drifted is already-synced; drift is recorded, or healed with selfHeal", async () => {
    // Nothing drifted
    destination.record = recordAt(REV);
    expect((await syncApp(appWith(), workspace, { trigger: "webhook", deliveryId: "d" }, deps)).status).toBe("already-synced");
    expect(destination.calls).toEqual(["diff"]);

    // Drift, no selfHeal
    destination.diffResult = { resources: [{ ref: { apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "shop" }, status: "OutOfSync", reason: "changed", diff: "-x\n+y\n" }] };
    const recorded = await syncApp(appWith(), workspace, { trigger: "sweep", deliveryId: "d" }, deps);
    expect(recorded).toMatchObject({ status: "out-of-sync", message: "1 resource(s) differ from git: ConfigMap/a (changed)" });
    expect(destination.calls.some((c) => c.startsWith("sync"))).toBe(false);

    // Drift, selfHeal
    const healed = await syncApp(appWith({ selfHeal: true }), workspace, { trigger: "sweep", deliveryId: "d" }, deps);
    expect(healed.status).toBe("synced");
    expect(destination.record?.history[0]).toMatchObject({ trigger: "self-heal", result: "Succeeded" });
  });

  it("prunes last only once the app is Healthy", async () => {
    // Prepare
    destination.run = { ...destination.run, inventory: ["v1/ConfigMap/shop/a", "v1/ConfigMap/shop/old"], deferredPrune: ["v1/ConfigMap/shop/old"] };
    destination.healths = [{ status: "Progressing" }, { status: "Healthy" }];
    destination.pruned = [{ key: "v1/ConfigMap/shop/old", kind: "ConfigMap", name: "old", status: "pruned" }];

    // Act
    const outcome = await syncApp(appWith({ prune: true, pruneLast: true }), workspace, { trigger: "manual", deliveryId: "d" }, deps);

    // Assess: prune after health settled; the record write after the operation's says what the prune left
    expect(destination.calls).toEqual(["sync with inventory ", "health", "health", "prune v1/ConfigMap/shop/old"]);
    expect(destination.writes).toHaveLength(2);
    expect(destination.record).toMatchObject({ inventory: ["v1/ConfigMap/shop/a"], sync: { status: "Synced" } });
    expect(outcome.resources.map((r) => r.status)).toEqual(["applied", "pruned"]);
  });

  it("keeps the image-update fields of the record and reports failed resources", async () => {
    destination.record = recordAt(OLD, { written: { "registry.invalid/shop": "1.2.3" } });
    destination.run = { ...destination.run, results: [{ key: "k", kind: "ConfigMap", name: "a", status: "failed", message: "422 Invalid: bad" }] };
    const outcome = await syncApp(appWith(), workspace, { trigger: "webhook", deliveryId: "d" }, deps);
    expect(outcome).toMatchObject({ status: "failed", message: "1 of 1 resources failed: ConfigMap/a: 422 Invalid: bad" });
    expect(destination.record).toMatchObject({ written: { "registry.invalid/shop": "1.2.3" }, sync: { status: "OutOfSync" }, history: [{ result: "Failed" }] });
  });

  it("renders a revision once: the second sync of it comes from the cache", async () => {
    await syncApp(appWith(), workspace, { trigger: "manual", deliveryId: "d" }, deps);
    await writeFile(join(dir, "app", "cm.yaml"), "not: [valid");
    const again = await syncApp(appWith(), workspace, { trigger: "manual", deliveryId: "d" }, deps);
    expect(again.status).toBe("synced");
    expect(deps.render.cache?.size).toBe(1);
  });

  it("keeps what another writer put in the record while the sync followed health", async () => {
    // Prepare: an image update records the tag it wrote while this sync waits for health
    destination.record = recordAt(OLD);
    destination.healths = [{ status: "Progressing" }, { status: "Healthy" }];
    deps = { ...deps, sleep: async () => void (destination.record = recordAt(OLD, { written: { "registry.invalid/shop": "1.3.0" } })) };

    // Act
    await syncApp(appWith(), workspace, { trigger: "webhook", deliveryId: "d" }, deps);

    // Assess: the sync's write was refused once, and made again on the other writer's record, read again
    expect(destination.record).toMatchObject({ revision: REV, written: { "registry.invalid/shop": "1.3.0" }, history: [{ deliveryId: "d" }] });
    expect([destination.reads, destination.writes.length]).toEqual([2, 2]);
  });
});
