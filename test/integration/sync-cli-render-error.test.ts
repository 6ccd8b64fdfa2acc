// A broken commit as a person meets it on the CLI: `sluice sync` says what failed to render and
// where, without a stack trace; `sluice status` shows it on the app; the applied revision stays.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, git, revParse } from "../harness/git-server.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");

describe("sluice sync of a commit that does not render", () => {
  let work: string;
  let server: GitHttpServer;
  let configPath: string;

  const sluice = (...args: string[]): Promise<{ code: number; out: string }> => new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args, "--config", configPath], { env: { ...process.env, SLUICE_WORK_DIR: work, SLUICE_DEBUG: "" } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr });
    });
  });

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-cli-render-"));
    await createBareRepo(join(work, "git"), "broken.git", { "app/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { level: info }\n" });
    server = await startGitHttpServer({ root: join(work, "git") });
    configPath = join(work, "sluice.yaml");
    await writeFile(configPath, `
clusters:
  - name: test
    kubeconfig: { path: ${inject("kubeconfig")} }
apps:
  - name: broken
    source: { repo: ${server.url}/broken.git, branch: main, path: app }
    render: { directory: {} }
    destination: { cluster: test, namespace: cli-broken }
    syncPolicy: { automated: false, createNamespace: true, healthTimeoutSeconds: 0 }
`);
  });

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("prints the renderer's file and line, no stack trace, and status shows it beside the revision still applied", async () => {
    // Prepare: a good sync, then a commit whose YAML is cut short
    expect((await sluice("sync", "broken")).code).toBe(0);
    const good = await revParse(join(work, "git", "broken.git"));
    const clone = join(work, "clone");
    await git(["clone", "--quiet", join(work, "git", "broken.git"), clone]);
    await writeFile(join(clone, "app", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings\n");
    await git(["commit", "--quiet", "-am", "cut short"], clone);
    await git(["push", "--quiet", "origin", "main"], clone);
    const broken = await revParse(join(work, "git", "broken.git"));

    // Act
    const sync = await sluice("sync", "broken");
    const status = await sluice("status");

    // Assess
    expect(sync.code).toBe(1);
    expect(sync.out).toBe(`broken: render of ${broken.slice(0, 12)} failed: app/cm.yaml:4: Flow map in block collection must be sufficiently indented and end with a }\n`);
    const line = status.out.split("\n").findIndex((l) => l.startsWith("  broken "));
    expect(status.out.split("\n")[line]).toMatch(new RegExp(`^  broken +${good.slice(0, 12)} +Unknown `));
    expect(status.out.split("\n")[line + 1]).toBe(`    render of ${broken.slice(0, 12)} failed: app/cm.yaml:4: Flow map in block collection must be sufficiently indented and end with a }`);
  });
});
