// `sluice diff` exits as `kubectl diff` does, so scripts can tell differences from failures:
// 0 none, 1 differences, 2 an error.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo } from "../harness/git-server.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");
const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { level: info }\n";

describe("sluice diff exit codes", () => {
  let work: string;
  let server: GitHttpServer;

  const sluice = (config: string, ...args: string[]): Promise<{ code: number; out: string }> => new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, "--config", config], { env: { ...process.env, SLUICE_WORK_DIR: work } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, out: stdout + stderr });
    });
  });
  const configFor = async (name: string, repo: string) => {
    const path = join(work, `${name}.yaml`);
    await writeFile(path, `apps:
  - name: shop
    source: { repo: ${repo}, branch: main, path: app }
    render: { directory: {} }
    destination: { directory: ${join(work, "rendered")}, namespace: shop }
`);
    return path;
  };

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-diff-codes-"));
    await createBareRepo(join(work, "git"), "shop.git", { "app/cm.yaml": CONFIG_MAP });
    server = await startGitHttpServer({ root: join(work, "git") });
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("exits 1 with differences, 0 once synced, and 2 when it cannot diff", async () => {
    // Prepare
    const good = await configFor("good", `${server.url}/shop.git`);
    const broken = await configFor("broken", `${server.url}/no-such-repo.git`);

    // Act
    const before = await sluice(good, "diff", "shop");
    const synced = await sluice(good, "sync", "shop");
    const after = await sluice(good, "diff", "shop");
    const failed = await sluice(broken, "diff", "shop");

    // Assess
    expect([before.code, synced.code, after.code, failed.code]).toEqual([1, 0, 0, 2]);
    expect(before.out).toContain("1 of 1 resources out of sync");
    expect(failed.out).toMatch(/^sluice diff: .*404/m);
  }, 120_000);
});
