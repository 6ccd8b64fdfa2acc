import { describe, expect, it } from "vitest";
import { ChartSources } from "../../../../src/adapters/charts/chart-sources.ts";
import type { HttpTransport } from "../../../../src/adapters/http/http-transport.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";
import { runSweep } from "../../../../src/jobs/sweep/run-sweep.ts";
import { readSnapshot } from "../../../../src/jobs/sync/source-digest.ts";
import { chartLock } from "../../../../src/adapters/charts/chart-lock.ts";
import { configOf, fakeRegistries, FakeGit, FakeTarget, recordOf, sweepDeps } from "./sweep-fakes.ts";

const GIT = "https://git.example.com/charts.git";
const CHARTS = "https://charts.example.com";
const R0 = "0".repeat(40);

/** A Helm repository whose index.yaml lists `versions` of chart common; counts index reads. */
function helmRepo(versions: string[]) {
  const reads: string[] = [];
  const http: HttpTransport = async (request) => {
    reads.push(request.url);
    const entries = versions.map((v) => `  - version: ${v}\n    digest: ${v.replaceAll(".", "").padEnd(64, "a")}\n    urls: [common-${v}.tgz]\n`).join("");
    const body = `apiVersion: v1\nentries:\n  common:\n${entries}`;
    return { status: 200, url: request.url, header: () => undefined, text: async () => body };
  };
  return { http, reads, versions };
}

function sweepWith(repo: ReturnType<typeof helmRepo>, render: unknown) {
  const config = configOf({
    clusters: [{ name: "prod", kubeconfig: { path: "/dev/null" } }],
    apps: [{ name: "web", source: { repo: GIT, path: "web" }, render, destination: { cluster: "prod", namespace: "web" } }],
  });
  const git = new FakeGit();
  git.heads.set(`${GIT}#main`, R0);
  git.trees.set(R0, {
    "web/Chart.yaml": `apiVersion: v2\nname: web\nversion: 1.0.0\ndependencies:\n  - name: common\n    version: ^1.0.0\n    repository: ${CHARTS}\n`,
    "web/values.yaml": "x: 1\n",
  });
  const prod = new FakeTarget("prod");
  const deps = sweepDeps(config, { git, targets: { prod }, registries: fakeRegistries({}).registries });
  const charts = new ChartSources({
    http: repo.http, secrets: new SecretResolver({ env: {} }), registries: fakeRegistries({}).registries, repositories: [],
    cacheDir: "/nonexistent", helm: "helm", run: () => Promise.reject(new Error("no pulls in a sweep")), timeoutMs: 1000, now: () => 0, listTtlMs: 0,
  });
  const app = config.apps[0];
  if (!app) throw new Error("no app");
  return { deps: { ...deps, charts }, git, prod, app, charts };
}

describe("the sweep and chart versions", () => {
  it("queues a sync when a dependency's range allows a newer version at the same revision, and not before", async () => {
    // Prepare: synced at R0 with common 1.1.0, the newest then
    const repo = helmRepo(["1.0.0", "1.1.0", "2.0.0"]);
    const { deps, git, prod, app, charts } = sweepWith(repo, { helm: {} });
    const workspace = await git.checkout(GIT, "main");
    const snapshot = await readSnapshot(workspace.dir);
    await workspace.dispose();
    const synced = snapshot.digest(app, await chartLock(app, (p) => snapshot.chartFile(p), charts));
    prod.records.push(recordOf("web", R0, { source: synced }));

    // Act
    const quiet = await runSweep(deps);
    repo.versions.push("1.2.0");
    const moved = await runSweep(deps);

    // Assess
    expect(quiet.jobs).toEqual([]);
    expect(quiet.unknown).toEqual([]);
    expect(moved.jobs).toEqual([{ kind: "sync", app: "web", reason: `a chart version or digest changed at ${R0.slice(0, 12)}` }]);
    expect(git.checkouts).toEqual([`${GIT}#${R0}`, `${GIT}#${R0}`]);
  });

  it("keeps apps whose chart repository does not answer Unknown, without a sync", async () => {
    // Prepare
    const repo = helmRepo([]);
    const down: HttpTransport = async (request) => ({ status: 503, url: request.url, header: () => undefined, text: async () => "" });
    const { deps, prod } = sweepWith({ ...repo, http: down }, { helm: {} });
    prod.records.push(recordOf("web", R0, { source: "old" }));

    // Act
    const result = await runSweep(deps);

    // Assess
    expect(result.jobs).toEqual([]);
    expect(result.unknown).toEqual([{ app: "web", reason: `chart versions of web: Helm repository ${CHARTS} answered 503 for index.yaml` }]);
  });

  it("adds nothing to the digest of an app without repository charts", async () => {
    const { app } = sweepWith(helmRepo([]), { directory: {} });
    const snapshot = await (async () => {
      const git = new FakeGit();
      git.trees.set(R0, { "web/a.yaml": "kind: ConfigMap\n" });
      const workspace = await git.checkout(GIT, "main", undefined, { revision: R0 });
      try {
        return await readSnapshot(workspace.dir);
      } finally {
        await workspace.dispose();
      }
    })();
    expect(snapshot.digest(app, await chartLock(app, (p) => snapshot.chartFile(p), undefined))).toBe(snapshot.digest(app));
  });
});
