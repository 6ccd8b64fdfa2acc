// The CLI a person runs: `sluice sync`, `sluice diff`, `sluice status`, `sluice delete`, as
// processes against git http-backend and the real API server.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { stringify as dump } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, revParse } from "../harness/git-server.ts";
import { configMap, deployment, held } from "./sync-fixtures.ts";
import { getJson, kubectl } from "./sync-kubectl.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");

describe("sluice status, sync, diff and delete", () => {
  let work: string;
  let server: GitHttpServer;
  let configPath: string;

  const sluice = (...args: string[]): Promise<{ code: number; out: string }> => new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, "--config", configPath], { env: { ...process.env, SLUICE_WORK_DIR: work } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr });
    });
  });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-cli-"));
    // The Deployment's pods wait for a node, so its health stays Progressing throughout.
    const objects = [held("cli-shop", deployment("web")), configMap("settings", { level: "info" })];
    await createBareRepo(join(work, "git"), "shop.git", { "app/all.yaml": objects.map((o) => dump(o)).join("---\n") });
    server = await startGitHttpServer({ root: join(work, "git") });
    configPath = join(work, "sluice.yaml");
    await mkdir(work, { recursive: true });
    await writeFile(configPath, `
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: shop
    source: { repo: ${server.url}/shop.git, branch: main, path: app }
    render: { directory: {} }
    destination: { cluster: test, namespace: cli-shop }
    syncPolicy: { automated: false, createNamespace: true, healthTimeoutSeconds: 0 }
`);
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("syncs, shows drift as a diff, reports status per cluster, and deletes the app", async () => {
    // Act: never synced
    const before = await sluice("status");
    const firstDiff = await sluice("diff", "shop");

    // Assess
    // Other test files' apps share this cluster: their records are listed too, so match shop's line.
    expect(before.out).toMatch(/^ {2}shop +\(none\) +OutOfSync +Missing +never\n {4}never synced$/m);
    expect(firstDiff.code).toBe(1);
    expect(firstDiff.out).toContain("=== Deployment/cli-shop/web (missing)");

    // Act: sync, then drift by hand
    const synced = await sluice("sync", "shop");
    await kubectl("patch", "configmap", "settings", "-n", "cli-shop", "-p", '{"data":{"level":"debug"}}');
    const drift = await sluice("diff", "shop");
    const status = await sluice("status", "--cached");

    // Assess
    expect(synced.code).toBe(0);
    expect(synced.out).toContain("  applied   ConfigMap/cli-shop/settings\n  applied   Deployment/cli-shop/web\n");
    expect(synced.out).toContain(`shop at ${(await revParse(join(work, "git", "shop.git"))).slice(0, 12)}: synced, Progressing`);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain("=== ConfigMap/cli-shop/settings (changed)\n--- live/ConfigMap/cli-shop/settings\n+++ git/ConfigMap/cli-shop/settings\n");
    expect(drift.out).toContain("-  level: debug\n+  level: info\n");
    expect(drift.out).toContain("1 of 2 resources out of sync");
    expect(status.out).toMatch(/^CLUSTER test\n {2}APP +REVISION +SYNC +HEALTH +LAST CHANGE$/m);
    expect(status.out).toMatch(/^ {2}shop +[0-9a-f]{12} +Synced +Progressing +\d{4}-\d\d-\d\dT/m);
    expect(status.out).toMatch(/^clusters=1 apps=\d+ synced=[1-9]\d* out-of-sync=\d+ healthy=\d+ progressing=[1-9]\d* degraded=\d+ other=\d+$/m);

    // Act: delete
    const deleted = await sluice("delete", "shop", "--cascade", "background");
    const after = await sluice("status");

    // Assess
    expect(deleted.code).toBe(0);
    expect(deleted.out).toContain("shop: 2 deleted, 0 failed");
    expect(await getJson("configmap", "settings", "cli-shop")).toBeUndefined();
    expect(after.out).toContain("never synced");
    expect(await kubectl("get", "configmap", "-n", "sluice-system", "-o", "name")).not.toContain("sluice-app-shop");
  });
});
