import { createHash } from "node:crypto";
import { branchWriteGroupId } from "../../../../src/core/queue/deduplication-id.ts";
import { describe, expect, it } from "vitest";
import type { AppConfig } from "../../../../src/core/config/app-config.ts";
import type { LiveObject } from "../../../../src/adapters/kube/kube-client.ts";
import { baselineOf } from "../../../../src/engine/diff/object-baseline.ts";
import { runSweep } from "../../../../src/jobs/sweep/run-sweep.ts";
import { SourceSnapshot } from "../../../../src/jobs/sync/source-digest.ts";
import { MemorySweepStateStore } from "../../../../src/jobs/sweep/sweep-state.ts";
import { configOf, fakeRegistries, FakeGit, FakeTarget, recordOf, sweepDeps } from "./sweep-fakes.ts";

const CHARTS = "https://git.example.com/charts.git";
const OTHER = "https://git.other.example/other.git";
const R0 = "0".repeat(40);
const R1 = "1".repeat(40);
const WEB = "reg.example.com/team/web";
const API = "reg.example.com/team/api";

/** Apps a0…a(n-1) in the charts repo on cluster prod (a0-a2 track web, a3 tracks api), and c on cluster edge. */
function fleet(n = 6) {
  const image = (repository: string, i: number) => [{ repository, policy: { semver: ">=1.0.0" }, write: { file: `apps/a${i}/values.yaml`, tag: "tag" } }];
  return configOf({
    clusters: [{ name: "prod", kubeconfig: { path: "/dev/null" } }, { name: "edge", kubeconfig: { path: "/dev/null" } }],
    apps: [
      ...Array.from({ length: n }, (_, i) => ({
        name: `a${i}`, source: { repo: CHARTS, path: `apps/a${i}` }, render: { directory: {} }, destination: { cluster: "prod", namespace: `a${i}` },
        images: i < 3 ? image(WEB, i) : i === 3 ? image(API, i) : [],
      })),
      { name: "c", source: { repo: OTHER, path: "c" }, render: { directory: {} }, destination: { cluster: "edge", namespace: "c" } },
    ],
  });
}

const tree = (n: number, changed: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`apps/a${i}/cm.yaml`, `kind: ConfigMap # a${i}\n`])),
  ...Object.fromEntries(Array.from({ length: n }, (_, i) => [`apps/a${i}/values.yaml`, "tag: 1.0.0\n"])),
  ...changed,
});

const digestAt = (files: Record<string, string>, app: AppConfig): string =>
  new SourceSnapshot(new Map(Object.entries(files).map(([p, c]) => [p, createHash("sha256").update(c).digest("hex")]))).digest(app);

const configMap = (name: string, namespace: string, rv: string, data: Record<string, string> = { level: "info" }, extra: Record<string, unknown> = {}): LiveObject => ({
  apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace, resourceVersion: rv, labels: { "app.kubernetes.io/managed-by": "sluice" } }, data, ...extra,
});

/** Everything current: every app synced at the head, its objects live as applied, its images at the newest tag. */
function current(n = 6) {
  const config = fleet(n);
  const git = new FakeGit();
  git.heads.set(`${CHARTS}#main`, R0);
  git.heads.set(`${OTHER}#main`, R0);
  git.trees.set(R0, tree(n));
  const prod = new FakeTarget("prod");
  const edge = new FakeTarget("edge");
  for (const app of config.apps) {
    const target = app.name === "c" ? edge : prod;
    const object = configMap(app.name, app.destination.namespace, "100");
    const baseline = baselineOf(object);
    if (!baseline) throw new Error("no baseline");
    const key = `v1/ConfigMap/${app.destination.namespace}/${app.name}`;
    target.objects.push(object);
    target.records.push(recordOf(app.name, R0, { source: digestAt(tree(n), app), inventory: [key], objects: { [key]: baseline }, images: app.images[0] ? { [app.images[0].repository]: "1.1.0" } : {} }));
  }
  const registry = fakeRegistries({ "team/web": ["1.0.0", "1.1.0", "2.0.0-rc.1"], "team/api": ["1.0.0", "1.1.0"] });
  return { config, git, prod, edge, registry, deps: sweepDeps(config, { git, targets: { prod, edge }, registries: registry.registries }) };
}

describe("runSweep", () => {
  it("reads each repo's head, each image's tags, each cluster's records and each kind once, however many apps", async () => {
    // Prepare: 40 apps, all current
    const { deps, git, prod, edge, registry } = current(40);

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.queued).toEqual([]);
    expect(result.unknown).toEqual([]);
    expect(git.headQueries.sort()).toEqual([`${CHARTS}#main`, `${OTHER}#main`]);
    expect(git.checkouts).toEqual([]);
    expect(registry.requests.map((u) => new URL(u).pathname).sort()).toEqual(["/v2/team/api/tags/list", "/v2/team/web/tags/list"]);
    expect(prod.calls).toEqual(["records", "list v1/ConfigMap"]);
    expect(edge.calls).toEqual(["records", "list v1/ConfigMap"]);
    expect(result.counts).toEqual({ recordLists: 2, gitHeads: 2, gitSnapshots: 0, tagLists: 2, liveLists: 2 });
  });

  it("syncs only the apps whose source changed when the head moved, reading the new head once", async () => {
    // Prepare: a commit changes a4's files only
    const { deps, git } = current();
    git.heads.set(`${CHARTS}#main`, R1);
    git.trees.set(R1, tree(6, { "apps/a4/cm.yaml": "kind: ConfigMap # a4, changed\n" }));

    // Act: two sweeps see the same head
    const first = await runSweep(deps);
    const second = await runSweep(deps);

    // Assess
    expect(first.jobs).toEqual([{ kind: "sync", app: "a4", reason: `source changed: ${R0.slice(0, 12)} → ${R1.slice(0, 12)}` }]);
    expect(deps.queue.jobs[0]?.job).toEqual({ kind: "sync", app: "a4", revision: R1, deliveryId: first.sweepId, trigger: "sweep" });
    expect(git.checkouts).toEqual([`${CHARTS}#${R1}`]);
    expect(second.queued).toEqual(["a4"]);
    expect(deps.queue.jobs[1]?.deduplicationId).toBe(deps.queue.jobs[0]?.deduplicationId);
  });

  it("does not queue a sync of a head that failed to render; the next commit is synced", async () => {
    // Prepare: a4's change at R1 failed to render
    const { deps, git, prod } = current();
    git.heads.set(`${CHARTS}#main`, R1);
    git.trees.set(R1, tree(6, { "apps/a4/cm.yaml": "kind: [broken\n" }));
    prod.records = prod.records.map((r) => (r.app === "a4" ? { ...r, renderError: { revision: R1, message: "apps/a4/cm.yaml:1: broken", at: "t" } } : r));

    // Act
    const broken = await runSweep(deps);
    git.heads.set(`${CHARTS}#main`, "2".repeat(40));
    git.trees.set("2".repeat(40), tree(6, { "apps/a4/cm.yaml": "kind: ConfigMap # a4, fixed\n" }));
    const fixed = await runSweep(deps);

    // Assess
    expect(broken.queued).toEqual([]);
    expect(fixed.queued).toEqual(["a4"]);
  });

  it("syncs again an app whose sync failed for a reason that passes, without self-heal; not one that failed for good", async () => {
    // Prepare: at the head, a1's apply met an API server restarting, a2's was refused as invalid
    const { deps, prod } = current();
    const failed = (message: string, retry: boolean) => ({ status: "OutOfSync" as const, message, ...(retry ? { retry: true as const } : {}) });
    const history = [{ at: "2026-01-01T00:00:00.000Z", revision: R0, trigger: "webhook", deliveryId: "d", result: "Failed" as const }];
    prod.records = prod.records.map((r) => (r.app === "a1" ? { ...r, history, sync: failed("1 of 1 resources failed: ConfigMap/a1: 503", true) }
      : r.app === "a2" ? { ...r, history, sync: failed("1 of 1 resources failed: ConfigMap/a2: 422 Invalid", false) } : r));

    // Act
    const first = await runSweep(deps);
    const second = await runSweep(deps);

    // Assess: a1's sync queued under the failure's own id, the same from both sweeps (the queue keeps one); a2 left as recorded
    expect(first.jobs.map((j) => [j.kind, j.app])).toEqual([["sync", "a1"]]);
    expect(first.jobs[0]?.reason).toContain("failed for a reason that passes");
    const ids = deps.queue.jobs.filter((j) => j.job.app === "a1").map((j) => j.deduplicationId);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(1);
    expect(second.jobs.map((j) => j.app)).toEqual(["a1"]);
  });

  it("syncs apps never synced, and apps whose record predates source digests, at the head", async () => {
    const { deps, prod } = current();
    prod.records = prod.records.filter((r) => r.app !== "a5").map((r) => (r.app === "a4" ? { ...r, revision: "f".repeat(40), source: undefined } : r));

    const result = await runSweep(deps);

    expect(result.jobs.map((j) => [j.kind, j.app, j.reason])).toEqual([["sync", "a4", `behind ${"f".repeat(12)} → ${R0.slice(0, 12)}`], ["sync", "a5", "never synced"]]);
  });

  it("syncs a manual app once, to record that a change awaits a person, and not while it says so", async () => {
    // Prepare: a4 and a5 are manual; a4 synced at R0, a5 never; a4's files change
    const { config, git, prod, edge, registry } = current();
    for (const app of config.apps) if (app.name === "a4" || app.name === "a5") app.syncPolicy.automated = false;
    prod.records = prod.records.filter((r) => r.app !== "a5");
    git.heads.set(`${CHARTS}#main`, R1);
    git.trees.set(R1, tree(6, { "apps/a4/cm.yaml": "changed\n" }));
    const deps = sweepDeps(config, { git, targets: { prod, edge }, registries: registry.registries });

    // Act: a sweep; the worker records a4 as awaiting; another sweep
    const first = await runSweep(deps);
    const a4 = prod.records.find((r) => r.app === "a4");
    if (a4) a4.sync = { status: "OutOfSync", message: `revision ${R1.slice(0, 12)} awaits a manual sync` };
    const second = await runSweep(deps);

    // Assess
    expect(first.queued).toEqual(["a4"]);
    expect(second.queued).toEqual([]);
  });

  it("bumps apps behind the newest allowed tag, but not past the tag git has or below a person's rollback", async () => {
    // Prepare: a0 has 1.0.0; a1 has 1.1.0 (newest allowed: 2.0.0-rc.1 is a prerelease); a2 was rolled back from 1.1.0
    const { deps, prod } = current();
    const web = (app: string, tag: string, written?: string) => {
      const record = prod.records.find((r) => r.app === app);
      if (!record) throw new Error(app);
      record.images = { [WEB]: tag };
      if (written) record.written = { [WEB]: written };
    };
    web("a0", "1.0.0");
    web("a1", "1.1.0");
    web("a2", "1.0.0", "1.1.0");

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.jobs).toEqual([{ kind: "image-update", app: "a0", reason: `${WEB} 1.0.0 → 1.1.0` }]);
    expect(deps.queue.jobs[0]).toMatchObject({ job: { kind: "image-update", app: "a0", repository: WEB, tag: "1.1.0" }, groupId: branchWriteGroupId(CHARTS, "main") });
  });

  it("checks only the objects that changed beyond status, or are gone; a sweep that sees the same state asks again with the same id", async () => {
    // Prepare: a0's object got status only, a1's was edited, a2's was deleted
    const { deps, prod } = current();
    const live = (name: string) => prod.objects.find((o) => o.metadata.name === name);
    Object.assign(live("a0") ?? {}, { status: { observed: 2 } });
    Object.assign(live("a0")?.metadata ?? {}, { resourceVersion: "101" });
    Object.assign(live("a1") ?? {}, { data: { level: "debug" } });
    Object.assign(live("a1")?.metadata ?? {}, { resourceVersion: "102" });
    prod.objects = prod.objects.filter((o) => o.metadata.name !== "a2");

    // Act
    const first = await runSweep(deps);
    const second = await runSweep(deps);

    // Assess
    expect(first.jobs.map((j) => [j.kind, j.app])).toEqual([["check", "a1"], ["check", "a2"]]);
    expect(deps.queue.jobs.map((j) => j.job)).toContainEqual({ kind: "check", app: "a1", revision: R0, objects: [{ key: "v1/ConfigMap/a1/a1", resourceVersion: "102", fingerprint: expect.any(String) }], deliveryId: first.sweepId });
    expect(deps.queue.jobs.map((j) => j.job)).toContainEqual(expect.objectContaining({ kind: "check", app: "a2", objects: [{ key: "v1/ConfigMap/a2/a2" }] }));
    expect(second.jobs).toEqual(first.jobs);
    expect(deps.queue.jobs.slice(2).map((j) => j.deduplicationId)).toEqual(deps.queue.jobs.slice(0, 2).map((j) => j.deduplicationId));
  });

  it("makes only an unreachable cluster's apps Unknown, backs it off, and forgives it once it answers", async () => {
    // Prepare: edge refuses connections; a4 on prod is behind
    const { deps, git, edge } = current();
    edge.down = Object.assign(new Error("connect ECONNREFUSED 10.0.0.9:443"), { code: "ECONNREFUSED" });
    git.heads.set(`${CHARTS}#main`, R1);
    git.trees.set(R1, tree(6, { "apps/a4/cm.yaml": "changed\n" }));
    let now = new Date("2026-11-21T00:00:00Z");
    deps.now = () => now;

    // Act: a sweep; one 30 s later in a new process, which learns the backoff from prod's copy
    // of the state; one 3 minutes later (tried again, answers)
    const first = await runSweep(deps);
    const callsAfterFirst = edge.calls.length;
    now = new Date("2026-11-21T00:00:30Z");
    const backedOff = await runSweep({ ...deps, localState: new MemorySweepStateStore() });
    const callsWhileBackedOff = edge.calls.length;
    edge.down = undefined;
    now = new Date("2026-11-21T00:03:00Z");
    const recovered = await runSweep(deps);

    // Assess
    expect(first.unknown).toEqual([{ app: "c", reason: "records in edge: connect ECONNREFUSED 10.0.0.9:443" }]);
    expect(first.queued).toEqual(["a4"]);
    expect(callsWhileBackedOff).toBe(callsAfterFirst);
    expect(backedOff.unknown[0]?.reason).toMatch(/^records in edge: connect ECONNREFUSED 10\.0\.0\.9:443 \(backed off after 1 failed sweep\(s\); next try after 2026-11-21T00:01:00\.000Z\)$/);
    expect(recovered.unknown).toEqual([]);
    expect((await edge.state.read())?.endpoints).toEqual({});
  });

  it("keeps its state in every cluster that answers, with the backed-off endpoint and the Unknown apps", async () => {
    const { deps, edge, prod } = current();
    edge.down = Object.assign(new Error("connect ECONNREFUSED 10.0.0.9:443"), { code: "ECONNREFUSED" });

    await runSweep(deps);

    const state = await prod.state.read();
    expect(state?.endpoints["cluster:edge"]).toEqual({ failures: 1, retryAt: "2026-11-21T00:01:00.000Z", reason: "records in edge: connect ECONNREFUSED 10.0.0.9:443" });
    expect(state?.unknown).toEqual({ c: "records in edge: connect ECONNREFUSED 10.0.0.9:443" });
    expect(await edge.state.read()).toBeUndefined();
  });

  it("makes only the apps tracking an unreachable registry's image Unknown; their git and drift are still swept", async () => {
    // Prepare: web's registry answers 503; a0 (tracks web) is behind git
    const { config, git, prod, edge } = current();
    const registry = fakeRegistries({ "team/web": "down", "team/api": ["1.0.0", "1.1.0", "1.2.0"] });
    const deps = sweepDeps(config, { git, targets: { prod, edge }, registries: registry.registries });
    git.heads.set(`${CHARTS}#main`, R1);
    git.trees.set(R1, tree(6, { "apps/a0/cm.yaml": "changed\n" }));

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.unknown.map((u) => u.app)).toEqual(["a0", "a1", "a2"]);
    expect(result.unknown[0]?.reason).toMatch(/^tags of reg\.example\.com\/team\/web: .*503/);
    expect(result.jobs.map((j) => [j.kind, j.app])).toEqual([["sync", "a0"], ["image-update", "a3"]]);
  });

  it("makes only the apps of a git host that does not answer Unknown, and bumps none of their images", async () => {
    const { deps, git, prod } = current();
    git.heads.set(`${CHARTS}#main`, Object.assign(new Error("connect ECONNREFUSED 10.0.0.7:443"), { code: "ECONNREFUSED" }));
    const a0 = prod.records.find((r) => r.app === "a0");
    if (a0) a0.images = { [WEB]: "1.0.0" };

    const result = await runSweep(deps);

    expect(result.unknown.map((u) => u.app)).toEqual(["a0", "a1", "a2", "a3", "a4", "a5"]);
    expect(result.unknown[0]?.reason).toBe(`head of main in ${CHARTS}: connect ECONNREFUSED 10.0.0.7:443`);
    expect(result.queued).toEqual([]);
    expect((await deps.targetFor(fleet().apps[0] as AppConfig).state?.read())?.endpoints["git:git.example.com"]).toMatchObject({ failures: 1 });
  });

  it("past its deadline starts nothing and leaves every task to the next sweep, which does them", async () => {
    const { deps, git } = current();
    git.heads.set(`${CHARTS}#main`, R1);
    git.trees.set(R1, tree(6, { "apps/a1/cm.yaml": "changed\n" }));

    const late = await runSweep(deps, { deadline: deps.now().getTime() });
    const next = await runSweep(deps);

    expect(late.queued).toEqual([]);
    expect(late.deferred).toEqual(["records:cluster:prod", "records:cluster:edge"]);
    expect(next.queued).toEqual(["a1"]);
  });
});
