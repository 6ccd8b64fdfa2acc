import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config/load-config.ts";
import { SecretResolver } from "../../../src/config/secret-resolver.ts";
import type { AppRecord } from "../../../src/destination/app-record.ts";
import type { Destination } from "../../../src/destination/destination.ts";
import type { GitRemotes } from "../../../src/gitops/git-workspace.ts";
import { silentLogger } from "../../../src/log/logger.ts";
import { runSweep, type SweepDeps } from "../../../src/sweep/run-sweep.ts";
import { FakeQueue } from "../intake/fake-queue.ts";

const config = parseConfig(`
apps:
  - { name: a, source: { repo: "https://git.example.com/charts.git", path: a }, render: { directory: {} }, destination: { directory: /tmp/a, namespace: a } }
  - { name: b, source: { repo: "https://git.example.com/charts.git", path: b }, render: { directory: {} }, destination: { directory: /tmp/b, namespace: b } }
  - { name: c, source: { repo: "https://git.example.com/other.git", path: c }, render: { directory: {} }, destination: { directory: /tmp/c, namespace: c } }
`, "x.yaml");

function deps(heads: Record<string, string | Error>, records: Record<string, string>, queue: FakeQueue): SweepDeps & { headQueries: string[] } {
  const headQueries: string[] = [];
  const git: GitRemotes = {
    checkout: () => Promise.reject(new Error("the sweep never clones")),
    headOf: async (url) => {
      headQueries.push(url);
      const head = heads[url];
      if (head instanceof Error) throw head;
      return head;
    },
  };
  // The sweep's port is read-only: the type alone keeps it from applying or writing.
  const destination = (app: string): Pick<Destination, "readRecord"> => ({
    readRecord: async () => (records[app] ? { revision: records[app] } as AppRecord : undefined),
  });
  return { config, git, secrets: new SecretResolver({ env: {} }), queue, destinationFor: (app) => destination(app.name), logger: silentLogger, now: () => new Date("2026-11-21T00:00:00Z"), headQueries };
}

describe("runSweep", () => {
  it("asks each repo for its head once and queues a sync only for apps behind it", async () => {
    const queue = new FakeQueue();
    const d = deps({ "https://git.example.com/charts.git": "a".repeat(40), "https://git.example.com/other.git": "c".repeat(40) }, { a: "a".repeat(40), b: "0".repeat(40), c: "c".repeat(40) }, queue);

    const result = await runSweep(d);

    expect(d.headQueries.sort()).toEqual(["https://git.example.com/charts.git", "https://git.example.com/other.git"]);
    expect(result.queued).toEqual(["b"]);
    expect(queue.jobs.map((j) => j.job)).toEqual([{ kind: "sync", app: "b", revision: "a".repeat(40), deliveryId: "sweep-2026-11-21T00:00:00.000Z", trigger: "sweep" }]);
  });

  it("gives overlapping sweeps the same job id for the same head", async () => {
    const queue = new FakeQueue();
    const d = deps({ "https://git.example.com/charts.git": "a".repeat(40), "https://git.example.com/other.git": "c".repeat(40) }, {}, queue);

    await runSweep(d);
    await runSweep({ ...d, now: () => new Date("2026-11-21T00:03:00Z") });

    const ids = (app: string) => queue.jobs.filter((j) => j.job.app === app).map((j) => j.deduplicationId);
    expect(ids("a")).toHaveLength(2);
    expect(new Set(ids("a")).size).toBe(1);
  });

  it("marks only the apps of an unreachable repo unknown, with the reason", async () => {
    const queue = new FakeQueue();
    const d = deps({ "https://git.example.com/charts.git": new Error("connect ECONNREFUSED"), "https://git.example.com/other.git": "c".repeat(40) }, {}, queue);

    const result = await runSweep(d);

    expect(result.unknown).toEqual([{ app: "a", reason: "connect ECONNREFUSED" }, { app: "b", reason: "connect ECONNREFUSED" }]);
    expect(result.queued).toEqual(["c"]);
  });
});
