// The `sluice` command itself, as a user runs it: a child process on the repository's Node.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const node = join(root, "node_modules/.bin/node");

/** Runs `sluice import …`; its exit code, stdout and stderr. */
async function sluice(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(node, ["src/runtime/cli/bin.js", "import", ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("sluice import, the command", { timeout: 60_000 }, () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "sluice-import-cli-"));
  });
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("writes the fixtures folder's apps and app sets to --out, a config that loads, and the report on stderr", async () => {
    const out = join(work, "apps.yaml");

    const run = await sluice("test/fixtures/import", "--out", out);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("skipped  ApplicationSet argocd/myapps-scm spec.generators[0]: generator scmProvider has no Sluice equivalent");
    expect(run.stderr).toMatch(/^imported 8 app\(s\) and 5 app set\(s\); \d+ skipped, \d+ changed$/m);
    const written = await readFile(out, "utf8");
    expect(written.split("\n")[0]).toBe("# Define these clusters under clusters: in sluice.yaml: in-cluster");
    const config = parseConfig(`clusters:\n  - { name: in-cluster, kubeconfig: { path: ~/.kube/config } }\n${written}`, out);
    expect(config.apps).toHaveLength(8);
    expect(config.appSets.map((s) => s.name)).toEqual(["cluster-git", "myapps", "guestbook", "cluster-addons", "guestbook-staging"]);
  });

  it("exits 2 with its usage when given nothing to read", async () => {
    const run = await sluice();

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("sluice import: give YAML files or folders, or --kubeconfig to read a cluster");
  });
});
