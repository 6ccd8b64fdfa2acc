import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import git from "isomorphic-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRows } from "../../../../src/jobs/api/read-rows.ts";
import type { CommitCache } from "../../../../src/jobs/api/commit-subjects.ts";
import { apiDeps, fleet, record } from "./api-fakes.ts";

let dir: string;
let sha: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-commits-"));
  await git.init({ fs, dir, defaultBranch: "main" });
  fs.writeFileSync(path.join(dir, "values.yaml"), "image:\n  tag: 1.2.0\n");
  await git.add({ fs, dir, filepath: "values.yaml" });
  sha = await git.commit({ fs, dir, message: "Bump shop to 1.2.0\n\nBody line", author: { name: "Ada", email: "ada@example.com" } });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function setup(apps = fleet(4)) {
  const { deps, stores } = apiDeps(apps);
  const checkouts: string[] = [];
  let failing = false;
  const git = {
    checkout: async (_url: string, _branch: string, _auth?: unknown, options?: { revision?: string }) => {
      checkouts.push(options?.revision ?? "head");
      if (failing) throw new Error("remote unreachable");
      return { dir, head: async () => sha, dispose: async () => {} } as unknown as Awaited<ReturnType<typeof deps.git.checkout>>;
    },
    headOf: async () => undefined,
  };
  for (const app of apps) {
    const store = "cluster" in app.destination && app.destination.cluster === "west" ? stores.west : stores.east;
    store.records.set(app.name, record(app.name, { revision: sha }));
  }
  return { deps: { ...deps, git }, checkouts, fail: (on: boolean) => { failing = on; } };
}

describe("commit subjects in the app list", () => {
  it("shows the applied commit's subject and author, read from git once per SHA", async () => {
    const { deps, checkouts } = setup();
    const cache: CommitCache = new Map();
    const rows = await readRows(deps, cache);
    expect(rows.map((r) => r.commit)).toEqual(Array(4).fill({ subject: "Bump shop to 1.2.0", author: "Ada <ada@example.com>" }));
    await readRows(deps, cache);
    expect(checkouts).toEqual([sha]);
  });

  it("shows the SHA alone when git cannot give the commit, and tries again on the next listing", async () => {
    const { deps, checkouts, fail } = setup(fleet(1));
    const cache: CommitCache = new Map();
    fail(true);
    const [row] = await readRows(deps, cache);
    expect(row?.revision).toBe(sha);
    expect(row?.commit).toBeUndefined();
    fail(false);
    const [again] = await readRows(deps, cache);
    expect(again?.commit?.subject).toBe("Bump shop to 1.2.0");
    expect(checkouts).toEqual([sha, sha]);
  });

  it("reads no git for an app never synced", async () => {
    const { deps, checkouts } = setup(fleet(1));
    const { deps: bare } = apiDeps(fleet(1));
    const rows = await readRows({ ...bare, git: deps.git }, new Map());
    expect(rows[0]?.commit).toBeUndefined();
    expect(checkouts).toEqual([]);
  });
});
