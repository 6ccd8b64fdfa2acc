import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import type { QueuedJob } from "../../../../src/core/queue/job.ts";
import type { GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import type { SyncRun } from "../../../../src/engine/sync/sync-result.ts";
import { syncApp, type SyncDeps } from "../../../../src/jobs/sync/sync-app.ts";
import { FakeDestination } from "./sync-fake-destination.ts";

const OLD = "b".repeat(40);
const REV = "c".repeat(40);
const app: AppConfig = (() => {
  const parsed = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git", path: "app" }, render: { directory: {} }, destination: { directory: "/unused", namespace: "shop" } }] }).apps[0];
  if (!parsed) throw new Error("no app");
  return parsed;
})();
const applied = { key: "v1/ConfigMap/shop/a", kind: "ConfigMap", name: "a", namespace: "shop", status: "applied" as const };
const waiting: SyncRun = {
  results: [applied], rendered: ["v1/ConfigMap/shop/a", "apps/v1/Deployment/shop/web"], inventory: ["v1/ConfigMap/shop/a", "apps/v1/Deployment/shop/web"], deferredPrune: [],
  phases: [{ phase: "Sync", status: "Running", waves: [0, 1], message: "Deployment/shop/web: 0 of 2 ready" }],
  pending: { step: 1, since: 1_000, hooks: [], phases: [{ phase: "Sync", status: "Running", waves: [0, 1], message: "Deployment/shop/web: 0 of 2 ready" }] },
};

describe("a sync that waits for a wave continues as a follow-up job", () => {
  let destination: FakeDestination;
  let queued: QueuedJob[];
  let deps: SyncDeps;
  let workspace: GitWorkspace;

  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), "sluice-sync-wait-"));
    await mkdir(join(dir, "app"));
    await writeFile(join(dir, "app", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n");
    workspace = { dir, head: async () => REV, readFile: async () => "", writeFile: async () => {}, commit: async () => "", push: async () => {}, dispose: async () => {} };
    destination = new FakeDestination();
    destination.record = { app: "shop", revision: OLD, images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: ["v1/ConfigMap/shop/a"], history: [] };
    queued = [];
    const unused: CommandRunner = () => Promise.reject(new Error("no renderer for a directory app"));
    deps = {
      destinationFor: () => destination, render: { helm: "h", kubectl: "k", run: unused, timeoutMs: 1000 }, logger: silentLogger,
      now: () => new Date("2026-01-02T03:04:05Z"), sleep: async () => {}, queue: { enqueue: async (jobs) => void queued.push(...jobs) },
    };
  });

  it("records where it waits, keeps the applied revision, and queues its continuation in the app's group", async () => {
    destination.runs = [waiting];

    const outcome = await syncApp(app, workspace, { trigger: "webhook", deliveryId: "d-1" }, deps);

    expect(outcome).toMatchObject({ status: "waiting", message: `syncing ${REV.slice(0, 12)}: Sync wave 1 waits: Deployment/shop/web: 0 of 2 ready` });
    expect(destination.syncOptions[0]).toMatchObject({ waitBudgetMs: 5_000 });
    expect(destination.record).toMatchObject({
      revision: OLD, inventory: waiting.inventory, health: { status: "Progressing" },
      syncWait: { revision: REV, trigger: "webhook", deliveryId: "d-1", startedAt: "2026-01-02T03:04:05.000Z", step: 1, since: 1_000, hooks: [] },
    });
    expect(queued.map((q) => [q.job, q.groupId])).toEqual([[{ kind: "sync", app: "shop", deliveryId: "d-1", trigger: "webhook", notBefore: "2026-01-02T03:04:25.000Z" }, "shop"]]);
  });

  it("continues from the recorded step whatever job comes next for that revision, and finishes with the phases in history", async () => {
    destination.runs = [waiting, { ...waiting, pending: undefined, phases: [{ phase: "Sync", status: "Succeeded", waves: [0, 1, 2] }] }];
    await syncApp(app, workspace, { trigger: "webhook", deliveryId: "d-1" }, deps);

    const outcome = await syncApp(app, workspace, { trigger: "sweep", deliveryId: "d-2" }, deps);

    expect(destination.syncOptions[1]).toMatchObject({ resume: { step: 1, since: 1_000, hooks: [] } });
    expect(outcome.status).toBe("synced");
    expect(destination.record?.syncWait).toBeUndefined();
    expect(destination.record).toMatchObject({ revision: REV, history: [{ revision: REV, trigger: "webhook", deliveryId: "d-1", result: "Succeeded", phases: [{ phase: "Sync", status: "Succeeded", waves: [0, 1, 2] }] }] });
    expect(queued).toHaveLength(1);
  });

  it("waits in process when there is no queue to continue on", async () => {
    const { queue: _none, ...inProcess } = deps;
    destination.runs = [{ ...waiting, pending: undefined, phases: [{ phase: "Sync", status: "Succeeded", waves: [0, 1] }] }];

    await syncApp(app, workspace, { trigger: "webhook", deliveryId: "d-1" }, inProcess);

    expect(destination.syncOptions[0]?.waitBudgetMs).toBeUndefined();
  });
});
