import { chmod, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NonFastForwardError } from "../../src/adapters/git/git-errors.ts";
import { IsomorphicGitRemotes } from "../../src/adapters/git/isomorphic-git-remotes.ts";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, git, gitLog, readFileAtHead } from "../harness/git-server.ts";

const author = { name: "sluice", email: "sluice@example.com" };

describe("IsomorphicGitRemotes.edit on git http-backend", () => {
  let dir: string;
  let server: GitHttpServer;
  let url: string;
  let bare: string;
  let remotes: IsomorphicGitRemotes;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-editor-"));
    await createBareRepo(join(dir, "git"), "charts.git", {
      "charts/web/values.yaml": "image:\n  tag: 1.0.0\n",
      "charts/api/values.yaml": "image:\n  tag: 2.0.0\n",
      "scripts/release.sh": "#!/bin/sh\necho release\n",
      "README.md": "charts\n",
    });
    bare = join(dir, "git", "charts.git");
    // The seed commit's script is executable: a commit that rewrites trees must keep its mode.
    const work = join(dir, "exec");
    await git(["clone", "--quiet", bare, work]);
    await chmod(join(work, "scripts/release.sh"), 0o755);
    await git(["commit", "--quiet", "-am", "release script is executable"], work);
    await git(["push", "--quiet", "origin", "main"], work);
    server = await startGitHttpServer({ root: join(dir, "git") });
    url = `${server.url}/charts.git`;
    remotes = new IsomorphicGitRemotes(join(dir, "work"));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("commits only the written file on top of the head, a commit git itself accepts, other trees and modes kept", async () => {
    // Prepare
    const before = await gitLog(bare);
    const editor = await remotes.edit(url, "main");

    // Act
    const read = await editor.readFile("charts/web/values.yaml");
    await editor.writeFile("charts/web/values.yaml", read.replace("1.0.0", "1.1.0"));
    const commit = await editor.commit("[skip ci] sluice: web 1.0.0 -> 1.1.0\n", author);
    await editor.push();
    await editor.dispose();

    // Assess
    const after = await gitLog(bare);
    expect(after[0]).toMatchObject({ sha: commit, parents: [before[0]?.sha], subject: "[skip ci] sluice: web 1.0.0 -> 1.1.0", authorEmail: "sluice@example.com" });
    expect(await readFileAtHead(bare, "charts/web/values.yaml")).toBe("image:\n  tag: 1.1.0\n");
    expect((await git(["--git-dir", bare, "diff", "--name-only", "main~1", "main"])).trim()).toBe("charts/web/values.yaml");
    expect(await git(["--git-dir", bare, "ls-tree", "main", "scripts/release.sh"])).toMatch(/^100755 /);
    await git(["--git-dir", bare, "fsck", "--strict", "--no-progress"]);
  });

  it("loses a race as NonFastForwardError, and after refresh commits on the new head", async () => {
    // Prepare: another writer pushes after the editor fetched.
    const editor = await remotes.edit(url, "main");
    const other = join(dir, "other");
    await git(["clone", "--quiet", url, other]);
    await writeFile(join(other, "README.md"), "charts, edited\n");
    await git(["commit", "--quiet", "-am", "human edit"], other);
    await git(["push", "--quiet", "origin", "main"], other);
    await editor.writeFile("charts/api/values.yaml", "image:\n  tag: 2.1.0\n");
    await editor.commit("bump api", author);

    // Act
    const lost = await editor.push().then(() => undefined, (e: unknown) => e);
    await editor.refresh();
    const seen = await editor.readFile("README.md");
    await editor.writeFile("charts/api/values.yaml", "image:\n  tag: 2.1.0\n");
    await editor.commit("bump api", author);
    await editor.push();

    // Assess
    expect(lost).toBeInstanceOf(NonFastForwardError);
    expect(seen).toBe("charts, edited\n");
    expect((await gitLog(bare)).slice(0, 2).map((c) => c.subject)).toEqual(["bump api", "human edit"]);
    expect(await readFileAtHead(bare, "README.md")).toBe("charts, edited\n");
    await editor.dispose();
  });

  it("checks out the pushed head on disk for a sync, and refuses paths outside the repository", async () => {
    // Prepare
    const editor = await remotes.edit(url, "main");

    // Act
    const outside = await editor.readFile("../../etc/passwd").then(() => undefined, (e: unknown) => e);
    const workspace = await editor.checkout();

    // Assess
    expect(outside).toBeInstanceOf(Error);
    expect(await readFile(join(workspace.dir, "charts/api/values.yaml"), "utf8")).toBe("image:\n  tag: 2.1.0\n");
    expect(await workspace.head()).toBe((await gitLog(bare))[0]?.sha);
    await workspace.dispose();
    await expect(stat(workspace.dir)).rejects.toThrow();
  });
});
