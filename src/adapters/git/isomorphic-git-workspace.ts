import * as fs from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import git from "isomorphic-git";
import type { GitAuth, GitAuthor, GitWorkspace } from "./git-workspace.ts";
import { pushBranch } from "./push-branch.ts";
import { writeCommit } from "./write-commit.ts";

/** A checkout on disk, made by isomorphic-git. */
export class IsomorphicGitWorkspace implements GitWorkspace {
  constructor(
    readonly dir: string,
    private readonly url: string,
    private readonly branch: string,
    private readonly onAuth: (() => GitAuth) | undefined,
  ) {}

  head(): Promise<string> {
    return git.resolveRef({ fs, dir: this.dir, ref: "HEAD" });
  }

  readFile(path: string): Promise<string> {
    return readFile(this.inside(path), "utf8");
  }

  async writeFile(path: string, content: string): Promise<void> {
    const target = this.inside(path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }

  async commit(message: string, files: readonly string[], author: GitAuthor): Promise<string> {
    const contents = new Map<string, Buffer>();
    for (const file of files) contents.set(relative(this.dir, this.inside(file)), await readFile(this.inside(file)));
    return writeCommit(this.dir, this.branch, await this.head(), contents, message, author);
  }

  push(remoteBranch?: string): Promise<void> {
    return pushBranch(this.dir, this.url, this.branch, remoteBranch ?? this.branch, this.onAuth);
  }

  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }

  /** Resolves a repo-relative path, refusing any that would leave the checkout. */
  private inside(path: string): string {
    const full = resolve(this.dir, path);
    if (full !== this.dir && !full.startsWith(`${this.dir}/`)) throw new Error(`path ${path} is outside the repository`);
    return full;
  }
}
