import * as fs from "node:fs";
import { rm } from "node:fs/promises";
import { posix } from "node:path";
import git, { Errors } from "isomorphic-git";
import http from "isomorphic-git/http/node";
import type { BranchEditor } from "./branch-editor.ts";
import type { GitAuth, GitAuthor, GitWorkspace } from "./git-workspace.ts";
import { IsomorphicGitWorkspace } from "./isomorphic-git-workspace.ts";
import { pushBranch } from "./push-branch.ts";
import { writeCommit } from "./write-commit.ts";

/** A branch opened on git objects alone in `dir` (an empty repo with the remote as origin). */
export class IsomorphicGitBranchEditor implements BranchEditor {
  private base = "";
  private head = "";
  private readonly written = new Map<string, string | null>();
  private handedOver = false;

  private constructor(
    private readonly dir: string,
    private readonly url: string,
    private readonly branch: string,
    private readonly onAuth: (() => GitAuth) | undefined,
  ) {}

  /** Fetches the branch head (depth 1) into the empty folder `dir`. */
  static async open(dir: string, url: string, branch: string, onAuth: (() => GitAuth) | undefined): Promise<IsomorphicGitBranchEditor> {
    await git.init({ fs, dir, defaultBranch: branch });
    await git.addRemote({ fs, dir, remote: "origin", url });
    const editor = new IsomorphicGitBranchEditor(dir, url, branch, onAuth);
    await editor.refresh();
    return editor;
  }

  async readFile(path: string): Promise<string> {
    const file = repoPath(path);
    const written = this.written.get(file);
    if (written === null) throw new Error(`${file} is removed in this commit`);
    if (written !== undefined) return written;
    const { blob } = await git.readBlob({ fs, dir: this.dir, oid: this.base, filepath: file });
    return Buffer.from(blob).toString("utf8");
  }

  async writeFile(path: string, content: string): Promise<void> {
    this.written.set(repoPath(path), content);
  }

  async removeFile(path: string): Promise<void> {
    this.written.set(repoPath(path), null);
  }

  async hasFile(path: string): Promise<boolean> {
    const file = repoPath(path);
    const written = this.written.get(file);
    if (written !== undefined) return written !== null;
    return git.readBlob({ fs, dir: this.dir, oid: this.base, filepath: file }).then(() => true, (error: unknown) => {
      if (error instanceof Errors.NotFoundError) return false;
      throw error;
    });
  }

  async commit(message: string, author: GitAuthor): Promise<string> {
    this.head = await writeCommit(this.dir, this.branch, this.base, this.written, message, author);
    return this.head;
  }

  push(remoteBranch?: string): Promise<void> {
    return pushBranch(this.dir, this.url, this.branch, remoteBranch ?? this.branch, this.onAuth);
  }

  async refresh(): Promise<void> {
    const fetched = await git.fetch({ fs, http, dir: this.dir, url: this.url, remote: "origin", ref: this.branch, singleBranch: true, depth: 1, tags: false, onAuth: this.onAuth });
    if (!fetched.fetchHead) throw new Error(`branch ${this.branch} not found in ${this.url}`);
    this.base = fetched.fetchHead;
    this.head = fetched.fetchHead;
    this.written.clear();
    await git.writeRef({ fs, dir: this.dir, ref: `refs/heads/${this.branch}`, value: this.head, force: true });
  }

  async checkout(): Promise<GitWorkspace> {
    await git.writeRef({ fs, dir: this.dir, ref: `refs/heads/${this.branch}`, value: this.head, force: true });
    await git.checkout({ fs, dir: this.dir, ref: this.branch, force: true });
    this.handedOver = true;
    return new IsomorphicGitWorkspace(this.dir, this.url, this.branch, this.onAuth);
  }

  async dispose(): Promise<void> {
    if (!this.handedOver) await rm(this.dir, { recursive: true, force: true });
  }
}

/** A path inside the repository, `/`-separated, refusing any that would leave it. */
function repoPath(path: string): string {
  const normal = posix.normalize(path.replaceAll("\\", "/"));
  if (normal.startsWith("/") || normal === "." || normal === ".." || normal.startsWith("../")) throw new Error(`path ${path} is outside the repository`);
  return normal;
}
