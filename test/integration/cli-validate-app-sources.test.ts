import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, git } from "../harness/git-server.ts";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "runtime", "cli", "bin.js");

const GOOD = (url: string) => `apps:
  - name: web
    source: { repo: ${url}, path: charts/web }
    render: { helm: {} }
    destination: { directory: /tmp/web, namespace: web }
`;
// Two problems in one app, and an app set with a generator Sluice does not know.
const BROKEN = (url: string) => `apps:
  - name: Api Server
    source: { repo: ${url}, path: charts/api }
    render: { helm: {} }
    destination: { namespace: api }
`;
const BROKEN_SET = (url: string) => `appSets:
  - name: review
    generators: [{ tags: { repo: ${url} } }]
    template: { name: "web-{{branchSlug}}" }
`;

describe("sluice validate and status on app sources in git", () => {
  let dir: string;
  let server: GitHttpServer;
  let url: string;
  let work: string;
  const run = (args: string[]) => promisify(execFile)("node", [BIN, ...args], { env: { ...process.env, SLUICE_WORK_DIR: join(dir, "work") } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  const push = async (files: Record<string, string | undefined>, message: string) => {
    for (const [path, text] of Object.entries(files)) {
      if (text === undefined) await git(["rm", "--quiet", path], work);
      else {
        await mkdir(join(work, path, ".."), { recursive: true });
        await writeFile(join(work, path), text);
      }
    }
    await git(["add", "-A"], work);
    await git(["commit", "--quiet", "-m", message], work);
    await git(["push", "--quiet", "origin", "main"], work);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-validate-sources-"));
    await createBareRepo(join(dir, "git"), "apps.git", { "README.md": "apps\n" });
    server = await startGitHttpServer({ root: join(dir, "git") });
    url = `${server.url}/apps.git`;
    work = join(dir, "clone");
    await git(["clone", "--quiet", join(dir, "git", "apps.git"), work]);
    await git(["config", "user.email", "dev@example.com"], work);
    await git(["config", "user.name", "dev"], work);
    await writeFile(join(dir, "sluice.yaml"), `webhooks: {}\nappSources: [{ repo: ${url}, branch: main, path: sluice }]\n`);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("lists each refused definition file with its path and every problem (validate exits 1, status shows them), and exits 0 once fixed", async () => {
    // Prepare: one good file and two broken ones, pushed to the app source
    await push({ "sluice/web.yaml": GOOD(url), "sluice/api.yaml": BROKEN(url), "sluice/review.yaml": BROKEN_SET(url) }, "add apps");

    // Act
    const broken = await run(["validate", join(dir, "sluice.yaml")]);

    // Assess
    expect(broken.code).toBe(1);
    const lines = broken.stderr.split("\n");
    const at = (file: string, path: string) => lines.filter((l) => l.startsWith(`${url}@main:sluice/${file}: ${path}: `));
    expect(at("api.yaml", "apps.0.name")).toEqual([expect.stringContaining("must be a DNS label")]);
    expect(at("api.yaml", "apps.0.destination")).toEqual([expect.stringContaining("destination must be")]);
    expect(at("review.yaml", "appSets.0.generators.0")).toEqual([expect.stringContaining("a generator is one of")]);
    expect(lines.some((l) => l.startsWith(`${url}@main:sluice/web.yaml`))).toBe(false);
    expect(lines.at(-2)).toMatch(/problems? in the app definitions; 1 app load/);

    // Act: status while they are broken
    const status = await run(["status", "--config", join(dir, "sluice.yaml")]);
    const json = JSON.parse((await run(["status", "--json", "--config", join(dir, "sluice.yaml")])).stdout) as { problems: { file: string; path: string }[] };

    // Assess: the same problems, under the apps that load
    expect(status.code).toBe(0);
    const problems = lines.filter((l) => l.startsWith(url)).map((l) => `  ${l}`);
    expect(status.stdout).toContain(`APP SOURCE PROBLEMS (${problems.length})`);
    for (const problem of problems) expect(status.stdout.split("\n")).toContain(problem);
    expect(json.problems.map((p) => `${p.file}: ${p.path}`).sort()).toEqual([
      `${url}@main:sluice/api.yaml: apps.0.destination`, `${url}@main:sluice/api.yaml: apps.0.name`, `${url}@main:sluice/review.yaml: appSets.0.generators.0`,
    ]);

    // Act: the broken files are fixed (api) and removed (review)
    await push({ "sluice/api.yaml": GOOD(url).replaceAll("web", "api"), "sluice/review.yaml": undefined }, "fix api, drop review");
    const fixed = await run(["validate", join(dir, "sluice.yaml")]);

    // Assess
    expect(fixed.stderr).toBe("");
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toContain("valid (2 apps, 0 clusters, 1 app source, 0 app sets)");
  });
});
