import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IsomorphicGitRemotes } from "../../src/adapters/git/isomorphic-git-remotes.ts";
import { listBranches } from "../../src/adapters/git/list-branches.ts";
import { SecretResolver } from "../../src/adapters/secrets/secret-resolver.ts";
import { parseConfig } from "../../src/core/config/load-config.ts";
import { silentLogger } from "../../src/core/log/logger.ts";
import { GitAppIndex } from "../../src/jobs/apps/git-app-index.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, git, readFileAtHead } from "../harness/git-server.ts";

const APPS = (names: string[]) => `apps:\n${names.map((n) => `  - name: ${n}
    source: { repo: REPO, path: charts/${n} }
    render: { helm: {} }
    destination: { directory: /tmp/${n}, namespace: ${n} }\n`).join("")}`;

describe("GitAppIndex on git http-backend", () => {
  let dir: string;
  let server: GitHttpServer;
  let url: string;
  let work: string;
  let index: GitAppIndex;
  let requests = 0;

  const push = async (files: Record<string, string>, message: string) => {
    for (const [path, text] of Object.entries(files)) {
      await import("node:fs/promises").then(async (fs) => {
        await fs.mkdir(join(work, path, ".."), { recursive: true });
        await fs.writeFile(join(work, path), text.replaceAll("REPO", url));
      });
    }
    await git(["add", "-A"], work);
    await git(["commit", "--quiet", "-m", message], work);
    await git(["push", "--quiet", "origin", "main"], work);
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-index-"));
    await createBareRepo(join(dir, "git"), "charts.git", { "README.md": "charts\n", "charts/web1/values-sample.yaml": "host: web1-{{branchSlug}}.review\n" });
    server = await startGitHttpServer({ root: join(dir, "git") });
    url = `${server.url}/charts.git`;
    work = join(dir, "clone");
    await git(["clone", "--quiet", join(dir, "git", "charts.git"), work]);
    await git(["config", "user.email", "dev@example.com"], work);
    await git(["config", "user.name", "dev"], work);
    const config = parseConfig(`webhooks: {}
appSources: [{ repo: ${url}, branch: main, path: sluice }]
appSets:
  - name: review
    deletionPolicy: delete
    generators: [{ branches: { repo: ${url}, include: "feature/*" } }]
    template:
      name: "web1-{{branchSlug}}"
      source: { repo: ${url}, path: charts/web1 }
      render: { helm: {} }
      destination: { directory: /tmp/review, namespace: "web1-{{branchSlug}}" }
`, join(dir, "sluice.yaml"));
    const remotes = new IsomorphicGitRemotes(join(dir, "work"));
    const counted = {
      checkout: (...args: Parameters<IsomorphicGitRemotes["checkout"]>) => { requests++; return remotes.checkout(...args); },
      headOf: (...args: Parameters<IsomorphicGitRemotes["headOf"]>) => { requests++; return remotes.headOf(...args); },
    };
    index = new GitAppIndex({
      config, git: counted, secrets: new SecretResolver({ env: {} }), logger: silentLogger,
      listBranches: (u, a) => { requests++; return listBranches(u, a); }, now: () => Date.now(), maxAgeMs: 60_000,
    });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("adds, changes and removes apps through app-source commits, and keeps a broken app's last good definition", async () => {
    // Prepare, Act: a commit adds two apps
    await push({ "sluice/apps.yaml": APPS(["api", "web"]) }, "add api and web");
    const first = await index.refresh();
    // Act: a commit breaks api and removes web; then a commit fixes api
    await push({ "sluice/apps.yaml": `${APPS(["api"]).replace("render: { helm: {} }", "render: { helm: 3 }")}` }, "break api");
    const broken = await index.refresh();

    // Assess
    expect(first.entries.map((e) => e.app.name).sort()).toEqual(["api", "web"]);
    expect(broken.get("api")).toBe(first.get("api"));
    expect(broken.get("web")).toBeUndefined();
    expect(broken.problems).toEqual([expect.objectContaining({ file: `${url}@main:sluice/apps.yaml`, path: "apps.0.render", name: "api" })]);
  });

  it("reads an unchanged head without a checkout, and follows branches created and deleted", async () => {
    // Prepare
    await index.refresh();
    requests = 0;

    // Act
    const unchanged = await index.refresh();
    const readsWhenUnchanged = requests;
    await git(["push", "--quiet", "origin", "HEAD:refs/heads/feature/Login"], work);
    const created = await index.refresh();
    await git(["push", "--quiet", "origin", ":refs/heads/feature/Login"], work);
    const deleted = await index.refresh();

    // Assess: one head query and one branch list per refresh, no checkout
    expect(readsWhenUnchanged).toBe(2);
    expect(unchanged.get("web1-feature-login")).toBeUndefined();
    expect(created.get("web1-feature-login")?.labels).toMatchObject({ branch: "feature/Login", appSet: "review" });
    expect(deleted.get("web1-feature-login")).toBeUndefined();
    expect(index.watches([url.replace(/^http:\/\//, "").replace(/\.git$/, "")])).toBe(true);
  });

  it("removes a file in a commit through the branch editor", async () => {
    // Prepare
    const remotes = new IsomorphicGitRemotes(join(dir, "edit"));
    const editor = await remotes.edit(url, "main");

    // Act
    const had = await editor.hasFile?.("charts/web1/values-sample.yaml");
    await editor.removeFile?.("charts/web1/values-sample.yaml");
    await editor.commit("[skip ci] sluice: remove sample", { name: "sluice", email: "sluice@example.com" });
    await editor.push();
    await editor.dispose();

    // Assess
    expect(had).toBe(true);
    await expect(readFileAtHead(join(dir, "git", "charts.git"), "charts/web1/values-sample.yaml")).rejects.toThrow();
    expect(await readFileAtHead(join(dir, "git", "charts.git"), "README.md")).toBe("charts\n");
  });
});
