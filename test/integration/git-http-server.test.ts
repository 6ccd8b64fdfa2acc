import git, { Errors } from "isomorphic-git";
import http from "isomorphic-git/http/node";
import * as fs from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGitHttpServer, type GitHttpServer } from "../../src/runtime/local/git-http-server.ts";
import { createBareRepo, git as gitCli, gitLog, readFileAtHead, revParse } from "../harness/git-server.ts";

const author = { name: "Sluice Bot", email: "bot@sluice.invalid" };

describe("startGitHttpServer", () => {
  let dir: string;
  let root: string;
  let server: GitHttpServer;
  let remote: string;
  const errors: Error[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sluice-git-test-"));
    root = join(dir, "repos");
    await createBareRepo(root, "charts.git", {
      "README.md": "charts\n",
      "apps/web/values.yaml": "image:\n  tag: v1.0.0\n",
    });
    server = await startGitHttpServer({ root, onError: (error) => errors.push(error) });
    remote = `${server.url}/charts.git`;
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function cloneInto(name: string): Promise<string> {
    const work = join(dir, name);
    await git.clone({ fs, http, dir: work, url: remote, ref: "main", singleBranch: true, depth: 1 });
    return work;
  }

  it("listens on 127.0.0.1 on a free port", () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it("serves a clone, then accepts a pushed commit that the bare repository records", async () => {
    // Prepare
    const work = await cloneInto("clone-push");
    expect(await readFile(join(work, "apps/web/values.yaml"), "utf8")).toBe("image:\n  tag: v1.0.0\n");

    // Act
    await writeFile(join(work, "apps/web/values.yaml"), "image:\n  tag: v1.1.0\n");
    await git.add({ fs, dir: work, filepath: "apps/web/values.yaml" });
    const sha = await git.commit({ fs, dir: work, message: "Bump web to v1.1.0", author });
    const result = await git.push({ fs, http, dir: work, remote: "origin", ref: "main" });

    // Assess
    expect(result.ok).toBe(true);
    expect(await revParse(join(root, "charts.git"))).toBe(sha);
    const [head, parent] = await gitLog(join(root, "charts.git"));
    expect(head).toMatchObject({ sha, subject: "Bump web to v1.1.0", authorName: "Sluice Bot" });
    expect(parent?.subject).toBe("Initial commit");
    expect(await readFileAtHead(join(root, "charts.git"), "apps/web/values.yaml")).toBe("image:\n  tag: v1.1.0\n");
    expect(errors).toEqual([]);
  });

  it("rejects a push that is not a fast-forward with PushRejectedError", async () => {
    // Prepare: two clones of the same commit; the first one pushes.
    const first = await cloneInto("race-a");
    const second = await cloneInto("race-b");
    await writeFile(join(first, "README.md"), "first\n");
    await git.add({ fs, dir: first, filepath: "README.md" });
    await git.commit({ fs, dir: first, message: "First", author });
    await git.push({ fs, http, dir: first, remote: "origin", ref: "main" });
    await writeFile(join(second, "README.md"), "second\n");
    await git.add({ fs, dir: second, filepath: "README.md" });
    await git.commit({ fs, dir: second, message: "Second", author });

    // Act
    const pushing = git.push({ fs, http, dir: second, remote: "origin", ref: "main" });

    // Assess
    await expect(pushing).rejects.toBeInstanceOf(Errors.PushRejectedError);
    await expect(pushing).rejects.toMatchObject({ data: { reason: "not-fast-forward" } });
    expect(await readFileAtHead(join(root, "charts.git"), "README.md")).toBe("first\n");
  });

  it("serves the git CLI too (protocol v2 via the Git-Protocol header, pushes)", async () => {
    // Prepare
    const work = join(dir, "cli-clone");
    await gitCli(["-c", "protocol.version=2", "clone", "--quiet", remote, work]);

    // Act
    await writeFile(join(work, "cli.txt"), "from the git CLI\n");
    await gitCli(["add", "cli.txt"], work);
    await gitCli(["commit", "--quiet", "-m", "From the CLI"], work);
    await gitCli(["push", "--quiet", "origin", "main"], work);

    // Assess
    expect(await readFileAtHead(join(root, "charts.git"), "cli.txt")).toBe("from the git CLI\n");
    expect(errors).toEqual([]);
  });

  it("passes the Git-Protocol header on, so protocol v2 is advertised", async () => {
    const res = await fetch(`${remote}/info/refs?service=git-upload-pack`, { headers: { "git-protocol": "version=2" } });
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-git-upload-pack-advertisement");
    expect(body).toContain("version 2");
  });

  it("answers 404 with the CGI status for a repository that does not exist", async () => {
    const res = await fetch(`${server.url}/missing.git/info/refs?service=git-upload-pack`);
    await res.arrayBuffer();
    expect(res.status).toBe(404);
  });

  it("refuses paths that climb out of the root", async () => {
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port: server.port, path: "/..%2f..%2fetc/info/refs" }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.once("error", reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it("stops listening on close()", async () => {
    // Prepare
    const other = await startGitHttpServer({ root });

    // Act
    await other.close();

    // Assess
    await expect(fetch(`${other.url}/charts.git/info/refs?service=git-upload-pack`)).rejects.toThrow();
  });
});
