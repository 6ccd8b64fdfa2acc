import { describe, expect, it } from "vitest";
import { ChartSources } from "../../../../src/adapters/charts/chart-sources.ts";
import type { HttpTransport } from "../../../../src/adapters/http/http-transport.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import { runSweep } from "../../../../src/jobs/sweep/run-sweep.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import { configOf, fakeRegistries, FakeGit, FakeTarget, recordOf, sweepDeps } from "./sweep-fakes.ts";

const GIT = "https://git.example.com/gitops.git";
const CHARTS = "https://charts.example.com";
const KEY = `${CHARTS}/common`;
const R0 = "0".repeat(40);

/** A Helm repository whose index.yaml lists `versions` of chart common, or answers 503 when down. */
function helmRepo(versions: string[]) {
  const state = { versions, down: false, reads: 0 };
  const http: HttpTransport = async (request) => {
    state.reads++;
    const entries = state.versions.map((v) => `  - version: ${v}\n    urls: [common-${v}.tgz]\n`).join("");
    return { status: state.down ? 503 : 200, url: request.url, header: () => undefined, text: async () => `apiVersion: v1\nentries:\n  common:\n${entries}` };
  };
  return { http, state };
}

const START = Date.parse("2026-11-21T00:00:00Z");

function setup(versions: string[], record: Partial<AppRecord>, pinned = "1.0.0", depName = "common", names = ["web"]) {
  const repo = helmRepo(versions);
  // Each sweep is a minute after the last: a sweep never trusts a listing made before it started.
  const clock = { at: START, tick: () => new Date(clock.at += 60_000) };
  const config = configOf({
    clusters: [{ name: "prod", kubeconfig: { path: "/dev/null" } }],
    apps: names.map((name) => ({ name, source: { repo: GIT, path: "web" }, render: { helm: { dependencyUpdates: [{ name: depName, semver: "^1.0.0" }] } }, destination: { cluster: "prod", namespace: name } })),
  });
  const git = new FakeGit();
  git.heads.set(`${GIT}#main`, R0);
  git.trees.set(R0, { "web/Chart.yaml": `apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: ${pinned}\n    repository: ${CHARTS}\n` });
  const prod = new FakeTarget("prod");
  for (const name of names) prod.records.push(recordOf(name, R0, { source: "digest at R0", ...record }));
  const deps = sweepDeps(config, { git, targets: { prod }, registries: fakeRegistries({}).registries, now: clock.tick });
  const charts = new ChartSources({
    http: repo.http, secrets: new SecretResolver({ env: {} }), registries: fakeRegistries({}).registries, repositories: [],
    cacheDir: "/nonexistent", helm: "helm", run: () => Promise.reject(new Error("no pulls in a sweep")), timeoutMs: 1000, now: () => clock.at, listTtlMs: 0,
  });
  return { deps: { ...deps, charts }, repo };
}

const chartJobs = <T extends { job: { kind: string } }>(queued: readonly T[]): T[] => queued.filter((q) => q.job.kind === "chart-update");

describe("the sweep's chart version updates", () => {
  it("queues one chart-update for the newest version the range allows, the same job from overlapping sweeps", async () => {
    // Prepare
    const { deps } = setup(["1.0.0", "1.1.0", "1.2.0", "2.0.0"], {});

    // Act
    const first = await runSweep(deps);
    const second = await runSweep(deps);

    // Assess
    expect(first.jobs.filter((j) => j.kind === "chart-update")).toEqual([{ kind: "chart-update", app: "web", reason: "chart common 1.0.0 → 1.2.0" }]);
    const [a, b] = chartJobs(deps.queue.jobs);
    expect(a?.job).toEqual({ kind: "chart-update", app: "web", chart: KEY, dependency: "common", version: "1.2.0", deliveryId: first.sweepId });
    expect(b?.deduplicationId).toBe(a?.deduplicationId);
    expect(second.unknown).toEqual([]);
  });

  it("lists the repository once per sweep for every app that uses it, chart locks included", async () => {
    // Prepare: three apps on one Chart.yaml
    const { deps, repo } = setup(["1.0.0", "1.1.0"], {}, "1.0.0", "common", ["a", "b", "c"]);

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.jobs.filter((j) => j.kind === "chart-update").map((j) => j.app)).toEqual(["a", "b", "c"]);
    expect(repo.state.reads).toBe(1);
  });

  it("queues nothing while a rollback holds the version, and the update once a newer version than the one rolled back from is listed", async () => {
    // Prepare: Sluice wrote 1.2.0; a rollback took git back to 1.0.0
    const held = { written: { [KEY]: "1.2.0" }, holds: [{ repository: KEY, tag: "1.0.0", from: "1.2.0", message: "holding" }] };
    const { deps, repo } = setup(["1.0.0", "1.1.0", "1.2.0"], held);

    // Act
    const during = await runSweep(deps);
    repo.state.versions.push("1.3.0");
    const after = await runSweep(deps);

    // Assess
    expect(during.jobs.filter((j) => j.kind === "chart-update")).toEqual([]);
    expect(after.jobs.filter((j) => j.kind === "chart-update")).toEqual([{ kind: "chart-update", app: "web", reason: "chart common 1.0.0 → 1.3.0" }]);
  });

  it("queues the job that clears a hold once git holds another version than the one held", async () => {
    // Prepare: held at 1.0.0, then a person wrote 1.2.0, the newest
    const held = { written: { [KEY]: "1.1.0" }, holds: [{ repository: KEY, tag: "1.0.0", from: "1.1.0", message: "holding" }] };
    const { deps } = setup(["1.0.0", "1.1.0", "1.2.0"], held, "1.2.0");

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.jobs.filter((j) => j.kind === "chart-update")).toEqual([{ kind: "chart-update", app: "web", reason: "chart common is at 1.2.0, no longer held at 1.0.0" }]);
  });

  it("never queues a downgrade of a version git holds above the newest listed", async () => {
    // Prepare
    const { deps } = setup(["1.0.0", "1.1.0"], {}, "1.5.0");

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.jobs.filter((j) => j.kind === "chart-update")).toEqual([]);
  });

  it("makes the app Unknown when its chart repository does not answer, or its Chart.yaml lacks the dependency", async () => {
    // Prepare
    const down = setup(["1.0.0", "1.1.0"], {});
    down.repo.state.down = true;
    const missing = setup(["1.0.0", "1.1.0"], {}, "1.0.0", "cache");

    // Act
    const [notAnswered, notThere] = [await runSweep(down.deps), await runSweep(missing.deps)];

    // Assess
    expect(chartJobs(down.deps.queue.jobs).concat(chartJobs(missing.deps.queue.jobs))).toEqual([]);
    expect(notAnswered.unknown).toEqual([{ app: "web", reason: expect.stringMatching(/Helm repository https:\/\/charts\.example\.com answered 503 for index.yaml$/) }]);
    expect(notThere.unknown).toEqual([{ app: "web", reason: "dependencyUpdates: web/Chart.yaml: no dependency named cache (dependencies: common)" }]);
  });
});
