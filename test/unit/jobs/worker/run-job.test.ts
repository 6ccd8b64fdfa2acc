import { describe, expect, it } from "vitest";
import type { Job, SyncJob } from "../../../../src/core/queue/job.ts";
import { runJob } from "../../../../src/jobs/worker/run-job.ts";
import { failure, retryOf } from "../deps/retry-of.ts";
import { REPOSITORY, VALUES_FILE, tags, values, webConfig, webFiles } from "../deps/web-app.ts";
import { workerFakes, type WorkerFakes } from "../deps/worker-fakes.ts";
import { recordOf } from "../sweep/sweep-fakes.ts";

// Revisions are the fake git server's commit ids (c0, c1, …); the queue's schema, which asks for
// 40 hex digits, is checked where messages are parsed, not here.
function setup(app: object = {}): WorkerFakes {
  const registry = { "team/app": tags("1.0.0", "1.1.0") };
  const fakes = workerFakes({ config: webConfig(app), files: webFiles("1.0.0"), registry });
  // A later commit on main: c0 is then a revision to roll back to.
  fakes.remotes.commitAs("main", "a person's change", { [VALUES_FILE]: values("1.0.1") });
  return fakes;
}

const sync = (extra: Partial<SyncJob> = {}): SyncJob =>
  ({ kind: "sync", app: "web", deliveryId: "d-1", trigger: "webhook", ...extra });
const bump = (repository: string): Job =>
  ({ kind: "image-update", app: "web", repository, tag: "1.1.0", deliveryId: "d-1" });

describe("runJob", () => {
  it("fails for good on a job for an app the configuration does not name", async () => {
    // Prepare
    const fakes = setup();

    // Act
    const error = await failure(runJob(sync({ app: "ghost" }), fakes.deps));

    // Assess
    expect(retryOf(error)).toBe("never");
    expect(error.message).toBe("no app named ghost in the configuration");
  });

  it("fails for good on an image job for a repository the app does not track, touching nothing", async () => {
    // Prepare
    const fakes = setup();

    // Act
    const error = await failure(runJob(bump("registry.example/team/other"), fakes.deps));

    // Assess
    expect(retryOf(error)).toBe("never");
    expect(error.message).toBe("app web does not track registry.example/team/other");
    expect(fakes.registryRequests()).toEqual([]);
    expect(fakes.remotes.opened).toBe(0);
  });

  it("runs an image job as an image update: committed, synced, with its kind", async () => {
    // Prepare
    const fakes = setup();

    // Act
    const outcome = await runJob(bump(REPOSITORY), fakes.deps);

    // Assess
    const head = fakes.remotes.tip("main");
    expect(outcome).toMatchObject({ kind: "image-update", status: "committed", from: "1.0.1", to: "1.1.0" });
    expect(outcome).toMatchObject({ commit: head.id, sync: { status: "synced", revision: head.id } });
    expect(head.files[VALUES_FILE]).toBe(values("1.1.0"));
  });

  it("syncs the branch head for a webhook or sweep job, whatever revision it saw", async () => {
    // Prepare
    const fakes = setup();

    // Act
    const outcome = await runJob(sync({ revision: "c0" }), fakes.deps);

    // Assess
    expect(outcome).toMatchObject({ kind: "sync", app: "web", sync: { status: "synced", revision: "c1" } });
    const history = [{ revision: "c1", trigger: "webhook", deliveryId: "d-1" }];
    expect(fakes.destination.record).toMatchObject({ revision: "c1", history });
  });

  it("refuses, for good, a person's rollback while automated sync would undo it, applying nothing", async () => {
    // Prepare
    const fakes = setup();

    // Act
    const error = await failure(runJob(sync({ trigger: "manual", revision: "c0" }), fakes.deps));

    // Assess
    expect(retryOf(error)).toBe("never");
    expect(error.message).toContain("web: cannot roll back to c0 while automated sync would undo it");
    expect(fakes.destination.writes).toEqual([]);
  });

  it("rolls an app without automated sync back to the revision a person picks", async () => {
    // Prepare
    const fakes = setup({ syncPolicy: { automated: false } });

    // Act
    const outcome = await runJob(sync({ trigger: "manual", revision: "c0" }), fakes.deps);

    // Assess
    expect(outcome).toMatchObject({ kind: "sync", sync: { status: "synced", revision: "c0" } });
    expect(fakes.destination.record).toMatchObject({ revision: "c0", images: { [REPOSITORY]: "1.0.0" } });
  });

  it("lets a person sync the branch head under automated sync: that is no rollback", async () => {
    // Prepare
    const fakes = setup();

    // Act
    const outcome = await runJob(sync({ trigger: "manual", revision: "c1" }), fakes.deps);

    // Assess
    expect(outcome).toMatchObject({ kind: "sync", sync: { status: "synced", revision: "c1" } });
  });

  it("fails for good on a revision that is not in the branch's history", async () => {
    // Prepare
    const fakes = setup({ syncPolicy: { automated: false } });

    // Act
    const error = await failure(runJob(sync({ trigger: "manual", revision: "c99" }), fakes.deps));

    // Assess
    expect(retryOf(error)).toBe("never");
    expect(error.message).toContain("web: c99 is not in the history of main");
    expect(fakes.destination.writes).toEqual([]);
  });

  it("hands a checkout that fails for another reason back to the queue", async () => {
    // Prepare
    const fakes = setup();
    fakes.deps.git = { ...fakes.deps.git, checkout: () => Promise.reject(new Error("git.example: connection reset")) };

    // Act
    const error = await failure(runJob(sync(), fakes.deps));

    // Assess
    expect(retryOf(error)).toBe("later");
  });

  it("runs a check job as a drift check of the revision the sweep saw", async () => {
    // Prepare
    const fakes = setup();
    const key = "v1/ConfigMap/web/web";
    const objects = { [key]: { resourceVersion: "10", fingerprint: "fp-10" } };
    fakes.destination.record = recordOf("web", "c1", { inventory: [key], objects });
    const moved = [{ key, resourceVersion: "11", fingerprint: "fp-11" }];
    const check: Job = { kind: "check", app: "web", revision: "c1", objects: moved, deliveryId: "sweep-1" };

    // Act
    const outcome = await runJob(check, fakes.deps);

    // Assess: nothing drifted, so the moved object's new version is its baseline.
    expect(outcome).toEqual({ kind: "check", app: "web", status: "synced", drifted: [] });
    expect(fakes.destination.record?.objects).toEqual({ [key]: { resourceVersion: "11", fingerprint: "fp-11" } });
  });
});
