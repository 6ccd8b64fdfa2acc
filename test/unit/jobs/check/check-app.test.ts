import { beforeEach, describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import type { AppDiff } from "../../../../src/engine/sync/sync-result.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import type { Manifest } from "../../../../src/adapters/render/manifest.ts";
import type { CommandRunner } from "../../../../src/adapters/render/command-runner.ts";
import type { CheckJob } from "../../../../src/core/queue/job.ts";
import { checkApp, type CheckDeps } from "../../../../src/jobs/check/check-app.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";
import { FakeGit, recordOf } from "../sweep/sweep-fakes.ts";

const REPO = "https://git.example.com/charts.git";
const REV = "a".repeat(40);
const KEY_A = "v1/ConfigMap/shop/a";
const KEY_B = "v1/ConfigMap/shop/b";

function appWith(syncPolicy: Record<string, unknown> = {}): AppConfig {
  const config = configSchema.parse({ apps: [{ name: "shop", source: { repo: REPO, path: "app" }, render: { directory: {} }, destination: { directory: "/unused", namespace: "shop" }, syncPolicy: { healthTimeoutSeconds: 0, ...syncPolicy } }] });
  const app = config.apps[0];
  if (!app) throw new Error("no app");
  return app;
}

/** A destination that also keeps the manifests it was asked to diff. */
class DiffRecordingDestination extends FakeDestination {
  diffed: string[] = [];
  override async diff(_app?: unknown, manifests: readonly Manifest[] = []): Promise<AppDiff> {
    this.diffed.push(...manifests.map((m) => m.metadata.name));
    return super.diff();
  }
}

const drifted: AppDiff = { resources: [{ ref: { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "a" }, status: "OutOfSync", reason: "changed", diff: "-level: info\n+level: debug\n" }] };
const clean: AppDiff = { resources: [{ ref: { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "a" }, status: "Synced", diff: "" }] };
const job: CheckJob = { kind: "check", app: "shop", revision: REV, objects: [{ key: KEY_A, resourceVersion: "20", fingerprint: "fp-20" }], deliveryId: "sweep-1" };

describe("checkApp", () => {
  let git: FakeGit;
  let destination: DiffRecordingDestination;
  let deps: (app: AppConfig) => CheckDeps;

  beforeEach(() => {
    git = new FakeGit();
    git.heads.set(`${REPO}#main`, REV);
    git.trees.set(REV, { "app/a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata: { level: info }\n", "app/b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b }\n" });
    destination = new DiffRecordingDestination();
    destination.record = recordOf("shop", REV, { inventory: [KEY_A, KEY_B], objects: { [KEY_A]: { resourceVersion: "10", fingerprint: "fp-10" }, [KEY_B]: { resourceVersion: "11", fingerprint: "fp-11" } } });
    destination.run = { results: [{ key: KEY_A, kind: "ConfigMap", name: "a", namespace: "shop", status: "applied" }], rendered: [KEY_A, KEY_B], inventory: [KEY_A, KEY_B], deferredPrune: [], observed: { [KEY_A]: { resourceVersion: "21", fingerprint: "fp-21" } } };
    const unusedRunner: CommandRunner = () => Promise.reject(new Error("no renderer needed for a directory app"));
    deps = (app) => ({
      config: { ...configSchema.parse({}), apps: [app] },
      git, secrets: new SecretResolver({ env: {} }), destinationFor: () => destination,
      render: { helm: "helm", kubectl: "kubectl", run: unusedRunner, timeoutMs: 1000 },
      logger: silentLogger, now: () => new Date("2026-11-21T00:00:00Z"), sleep: async () => {},
    });
  });

  it("diffs only the objects the sweep saw move, and takes them as the new baseline when they match git", async () => {
    destination.diffResult = clean;
    const app = appWith();

    const outcome = await checkApp(job, app, deps(app));

    expect(outcome).toEqual({ app: "shop", status: "synced", drifted: [] });
    expect(destination.diffed).toEqual(["a"]);
    expect(git.checkouts).toEqual([`${REPO}#${REV}`]);
    expect(destination.record?.objects).toEqual({ [KEY_A]: { resourceVersion: "20", fingerprint: "fp-20" }, [KEY_B]: { resourceVersion: "11", fingerprint: "fp-11" } });
    expect(destination.calls.some((c) => c.startsWith("sync"))).toBe(false);
    expect([destination.reads, destination.writes.length]).toEqual([1, 1]);
  });

  it("records drift as OutOfSync with the diff summary when the app does not self-heal, and applies nothing", async () => {
    destination.diffResult = drifted;
    const app = appWith();

    const outcome = await checkApp(job, app, deps(app));

    expect(outcome).toMatchObject({ status: "out-of-sync", drifted: [KEY_A], message: "1 resource(s) differ from git: ConfigMap/a (changed)" });
    expect(destination.record?.sync).toEqual({ status: "OutOfSync", message: "1 resource(s) differ from git: ConfigMap/a (changed)" });
    expect(destination.record?.objects?.[KEY_A]).toEqual({ resourceVersion: "20", fingerprint: "fp-20" });
    expect(destination.calls.some((c) => c.startsWith("sync"))).toBe(false);
  });

  it("self-heals drift with a sync of the recorded revision when the app asks for it", async () => {
    destination.diffResult = drifted;
    const app = appWith({ selfHeal: true });

    const outcome = await checkApp(job, app, deps(app));

    expect(outcome).toMatchObject({ status: "healed", drifted: [KEY_A], sync: { status: "synced", revision: REV } });
    expect(destination.calls).toContain(`sync with inventory ${KEY_A},${KEY_B}`);
    expect(destination.record?.history[0]).toMatchObject({ trigger: "self-heal", revision: REV });
    expect(destination.record?.objects).toEqual({ [KEY_A]: { resourceVersion: "21", fingerprint: "fp-21" } });
    // One read; the operation's write before the apply, then the sync's on the record that write left.
    expect([destination.reads, destination.writes.length]).toEqual([1, 2]);
  });

  it("writes nothing when a sync moved the record to another revision while the check diffed", async () => {
    // Prepare: the sync lands between the check's read and its write
    destination.diffResult = clean;
    destination.beforeStore = () => {
      if (destination.record?.revision === REV) destination.record = recordOf("shop", "b".repeat(40));
    };
    const app = appWith();

    // Act
    const outcome = await checkApp(job, app, deps(app));

    // Assess: the check's baselines are for a revision no longer applied
    expect(outcome.status).toBe("synced");
    expect(destination.record?.revision).toBe("b".repeat(40));
    expect(destination.writes).toEqual([]);
  });

  it("lets a full diff decide when the checked objects match but the record says OutOfSync", async () => {
    destination.diffResult = clean;
    if (destination.record) destination.record.sync = { status: "OutOfSync", message: "1 resource(s) differ from git: ConfigMap/a (changed)" };
    const app = appWith();

    const outcome = await checkApp(job, app, deps(app));

    expect(outcome.status).toBe("resynced");
    expect(destination.record?.sync).toEqual({ status: "Synced" });
  });

  it("does nothing when a sync moved the app to another revision since the sweep looked", async () => {
    if (destination.record) destination.record.revision = "b".repeat(40);
    const app = appWith();

    const outcome = await checkApp(job, app, deps(app));

    expect(outcome).toEqual({ app: "shop", status: "superseded", drifted: [] });
    expect(git.checkouts).toEqual([]);
    expect(destination.writes).toEqual([]);
  });
});
