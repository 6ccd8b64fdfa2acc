// The list's revision column names the commit the cluster runs: not the branch head, not the last
// commit that touched the app's path, when those differ from what was applied.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import git from "isomorphic-git";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRows } from "../../../../src/jobs/api/read-rows.ts";
import { apiDeps, fleet, record } from "./api-fakes.ts";

let dir: string;
const shas: Record<"applied" | "pathHead" | "head", string> = { applied: "", pathHead: "", head: "" };

async function commit(file: string, content: string, message: string, name: string): Promise<string> {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), content);
  await git.add({ fs, dir, filepath: file });
  return git.commit({ fs, dir, message, author: { name, email: `${name.toLowerCase()}@example.com` } });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sluice-applied-"));
  await git.init({ fs, dir, defaultBranch: "main" });
  shas.applied = await commit("apps/0/values.yaml", "tag: 1.0.0\n", "Ship 1.0.0 to app-0000", "Ada");
  shas.pathHead = await commit("apps/0/values.yaml", "tag: 1.1.0\n", "Try 1.1.0 on app-0000", "Grace");
  shas.head = await commit("apps/1/values.yaml", "tag: 2.0.0\n", "Another app's change", "Linus");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the revision column", () => {
  it("shows the applied revision's subject and author while newer commits, on the app's path and elsewhere, wait", async () => {
    // Prepare: app-0000 (path apps/0) runs the first commit; the branch has moved on twice.
    const [app] = fleet(1);
    if (!app) throw new Error("no app");
    const { deps, stores } = apiDeps([app]);
    stores.east.records.set(app.name, record(app.name, { revision: shas.applied }));
    const asked: (string | undefined)[] = [];
    const checkout = async (_url: string, _branch: string, _auth?: unknown, options?: { revision?: string }) => {
      asked.push(options?.revision);
      return { dir, head: async () => shas.head, dispose: async () => {} } as unknown as Awaited<ReturnType<typeof deps.git.checkout>>;
    };

    // Act
    const [row] = await readRows({ ...deps, git: { ...deps.git, checkout } }, new Map());

    // Assess
    expect(row?.revision).toBe(shas.applied);
    expect(row?.commit).toEqual({ subject: "Ship 1.0.0 to app-0000", author: "Ada <ada@example.com>" });
    expect(asked).toEqual([shas.applied]);
  });
});
