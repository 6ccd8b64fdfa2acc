import { describe, expect, it } from "vitest";
import { runSweep } from "../../../../src/jobs/sweep/run-sweep.ts";
import { configOf, fakeRegistries, FakeGit, FakeTarget, recordOf, sweepDeps } from "./sweep-fakes.ts";

const CHARTS = "https://git.example.com/charts.git";
const OTHER = "https://git.other.example/other.git";
const R0 = "0".repeat(40);
const BRANCHES = ["feature/a", "feature/b", "feature/c", "feature/d"];

/** Remotes that also tell every branch's head at once, counting each kind of question. */
class AdvertisingGit extends FakeGit {
  readonly advertisements: string[] = [];
  failing: Error | undefined;

  async headsOf(url: string): Promise<ReadonlyMap<string, string>> {
    this.advertisements.push(url);
    if (this.failing) throw this.failing;
    const prefix = `${url}#`;
    return new Map([...this.heads].filter(([key, head]) => key.startsWith(prefix) && typeof head === "string").map(([key, head]) => [key.slice(prefix.length), String(head)]));
  }
}

/** A review app per branch of the charts repo, one app on another repo, every one synced at R0. */
function reviewApps(branches: readonly string[]) {
  const config = configOf({
    clusters: [{ name: "dev", kubeconfig: { path: "/dev/null" } }],
    apps: [
      ...branches.map((branch, i) => ({ name: `web-${i}`, source: { repo: CHARTS, branch, path: "chart" }, render: { directory: {} }, destination: { cluster: "dev", namespace: `web-${i}` } })),
      { name: "other", source: { repo: OTHER, path: "app" }, render: { directory: {} }, destination: { cluster: "dev", namespace: "other" } },
    ],
  });
  const git = new AdvertisingGit();
  for (const branch of BRANCHES) git.heads.set(`${CHARTS}#${branch}`, R0);
  git.heads.set(`${OTHER}#main`, R0);
  const dev = new FakeTarget("dev");
  dev.records = config.apps.map((app) => recordOf(app.name, R0));
  return { git, deps: sweepDeps(config, { git, targets: { dev }, registries: fakeRegistries({}).registries }) };
}

describe("a sweep's branch heads", () => {
  it("asks a repository with several followed branches once for all their heads, and a repository with one branch for that one", async () => {
    const { git, deps } = reviewApps(BRANCHES);

    const result = await runSweep(deps);

    expect(git.advertisements).toEqual([CHARTS]);
    expect(git.headQueries).toEqual([`${OTHER}#main`]);
    expect(result.counts.gitHeads).toBe(2);
    expect(result.unknown).toEqual([]);
    expect(result.queued).toEqual([]);
  });

  it("says a branch the advertisement lacks is not found, and a failed advertisement makes each of its repository's apps unknown", async () => {
    const gone = reviewApps([...BRANCHES.slice(0, 2), "feature/deleted"]);
    const down = reviewApps(BRANCHES);
    down.git.failing = new Error("connect ECONNREFUSED 127.0.0.1:9");

    const missing = await runSweep(gone.deps);
    const unreachable = await runSweep(down.deps);

    expect(missing.unknown).toEqual([{ app: "web-2", reason: `branch feature/deleted not found in ${CHARTS}` }]);
    expect(unreachable.unknown.map((u) => u.app).sort()).toEqual(["web-0", "web-1", "web-2", "web-3"]);
    expect(unreachable.unknown.every((u) => u.reason.startsWith(`branch heads of ${CHARTS}: `) && u.reason.includes("ECONNREFUSED"))).toBe(true);
    expect(down.git.advertisements).toEqual([CHARTS]);
  });
});
