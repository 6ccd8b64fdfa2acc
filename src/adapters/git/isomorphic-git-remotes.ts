import * as fs from "node:fs";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import git, { Errors } from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { listBranches } from "./list-branches.ts";
import { classifyGitError, RevisionNotFoundError } from "./git-errors.ts";
import type { GitAuth, GitRemotes, GitWorkspace } from "./git-workspace.ts";
import type { BranchEditor, BranchEditors } from "./branch-editor.ts";
import { IsomorphicGitBranchEditor } from "./isomorphic-git-branch-editor.ts";
import { IsomorphicGitWorkspace } from "./isomorphic-git-workspace.ts";
import { CHECKOUT_PREFIX, removeLeftoverCheckouts } from "./leftover-checkouts.ts";

const CLEAN_EVERY_MS = 60_000;
// Checkout folders this process made and may still use: one set for every instance in the process
// (a worker's, the committer's, a test's four workers), since ownership is by process id.
const HELD = new Set<string>();

/** Git over smart HTTP with isomorphic-git: no git binary needed, as in Lambda. */
export class IsomorphicGitRemotes implements GitRemotes, BranchEditors {
  private cleaned = 0;

  constructor(private readonly workRoot: string = tmpdir(), private readonly now: () => number = Date.now) {}

  async checkout(url: string, branch: string, auth?: GitAuth, options: { revision?: string } = {}): Promise<GitWorkspace> {
    const dir = await this.newCheckoutDir();
    const onAuth = auth ? () => ({ username: auth.username, password: auth.password }) : undefined;
    try {
      await git.clone({ fs, http, dir, url, ref: branch, singleBranch: true, depth: 1, onAuth });
      if (options.revision) await checkoutRevision(dir, url, branch, options.revision, onAuth);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw classifyGitError(error, url);
    }
    return new IsomorphicGitWorkspace(dir, url, branch, onAuth);
  }

  async edit(url: string, branch: string, auth?: GitAuth): Promise<BranchEditor> {
    const dir = await this.newCheckoutDir();
    const onAuth = auth ? () => ({ username: auth.username, password: auth.password }) : undefined;
    try {
      return await IsomorphicGitBranchEditor.open(dir, url, branch, onAuth);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw classifyGitError(error, url);
    }
  }

  /**
   * A fresh folder for a clone, named after this process. Leftovers of killed processes go first
   * (at the first checkout, then at most once a minute, between jobs): nothing else removes them.
   */
  private async newCheckoutDir(): Promise<string> {
    await mkdir(this.workRoot, { recursive: true });
    if (this.cleaned === 0 || this.now() - this.cleaned >= CLEAN_EVERY_MS) {
      this.cleaned = this.now();
      for (const dir of HELD) if (!existsSync(dir)) HELD.delete(dir);
      await removeLeftoverCheckouts(this.workRoot, HELD);
    }
    // Held before it exists, so no cleanup running beside this ever sees it unheld.
    const dir = join(this.workRoot, `${CHECKOUT_PREFIX}${process.pid}-${randomBytes(8).toString("hex")}`);
    HELD.add(dir);
    await mkdir(dir);
    return dir;
  }

  async headOf(url: string, branch: string, auth?: GitAuth): Promise<string | undefined> {
    const onAuth = auth ? () => ({ username: auth.username, password: auth.password }) : undefined;
    const refs = await git.listServerRefs({ http, url, prefix: `refs/heads/${branch}`, onAuth }).catch((error: unknown) => {
      throw classifyGitError(error, url);
    });
    return refs.find((r) => r.ref === `refs/heads/${branch}`)?.oid;
  }

  async headsOf(url: string, auth?: GitAuth): Promise<ReadonlyMap<string, string>> {
    return new Map((await listBranches(url, auth)).map((b) => [b.name, b.sha]));
  }
}

// Servers will not send an arbitrary commit by id unless configured to (uploadpack.allowReachableSHA1InWant),
// so an older revision is reached by deepening the branch's shallow history step by step.
const DEEPEN_STEPS = [20, 200, 2000, 100_000];

async function checkoutRevision(dir: string, url: string, branch: string, revision: string, onAuth: (() => GitAuth) | undefined): Promise<void> {
  const present = () => git.readCommit({ fs, dir, oid: revision }).then(() => true, (error: unknown) => {
    if (error instanceof Errors.NotFoundError) return false;
    throw error;
  });
  for (const depth of DEEPEN_STEPS) {
    if (await present()) break;
    await git.fetch({ fs, http, dir, url, ref: branch, singleBranch: true, depth, relative: true, tags: false, onAuth });
  }
  if (!(await present())) throw new RevisionNotFoundError(`revision ${revision} is not in the history of ${branch} of ${url}`, { url });
  await git.checkout({ fs, dir, ref: revision, force: true });
}

