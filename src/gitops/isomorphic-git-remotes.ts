import * as fs from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import git, { Errors } from "isomorphic-git";
import http from "isomorphic-git/http/node";
import { NonFastForwardError, PushRefusedError, RevisionNotFoundError } from "./git-errors.ts";
import type { GitAuth, GitAuthor, GitRemotes, GitWorkspace } from "./git-workspace.ts";

/** Git over smart HTTP with isomorphic-git: no git binary needed, as in Lambda. */
export class IsomorphicGitRemotes implements GitRemotes {
  constructor(private readonly workRoot: string = tmpdir()) {}

  async checkout(url: string, branch: string, auth?: GitAuth, options: { revision?: string } = {}): Promise<GitWorkspace> {
    await mkdir(this.workRoot, { recursive: true });
    const dir = await mkdtemp(join(this.workRoot, "sluice-git-"));
    const onAuth = auth ? () => ({ username: auth.username, password: auth.password }) : undefined;
    try {
      await git.clone({ fs, http, dir, url, ref: branch, singleBranch: true, depth: 1, onAuth });
      if (options.revision) await checkoutRevision(dir, url, branch, options.revision, onAuth);
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return new IsomorphicGitWorkspace(dir, url, branch, onAuth);
  }

  async headOf(url: string, branch: string, auth?: GitAuth): Promise<string | undefined> {
    const onAuth = auth ? () => ({ username: auth.username, password: auth.password }) : undefined;
    const refs = await git.listServerRefs({ http, url, prefix: `refs/heads/${branch}`, onAuth });
    return refs.find((r) => r.ref === `refs/heads/${branch}`)?.oid;
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
  if (!(await present())) throw new RevisionNotFoundError(`revision ${revision} is not in the history of ${branch} of ${url}`);
  await git.checkout({ fs, dir, ref: revision, force: true });
}

/** receive-pack's words for a ref that moved between its advertisement and the update. */
const LOST_RACE = /failed to update ref|cannot lock ref|fetch first|non-fast-forward|stale info|incorrect old value/i;

class IsomorphicGitWorkspace implements GitWorkspace {
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
    for (const file of files) await git.add({ fs, dir: this.dir, filepath: relative(this.dir, this.inside(file)) });
    return git.commit({ fs, dir: this.dir, message, author });
  }

  async push(remoteBranch?: string): Promise<void> {
    const target = remoteBranch ?? this.branch;
    // What the server's hooks print (git's "remote:" lines) is the reason a person needs to read.
    const remote: string[] = [];
    const onMessage = (message: string) => void remote.push(...message.split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
    const said = () => (remote.length ? ` (${remote.join(" / ")})` : "");
    try {
      const result = await git.push({ fs, http, dir: this.dir, url: this.url, ref: this.branch, remoteRef: target, onAuth: this.onAuth, onMessage });
      if (!result.ok) throw new PushRefusedError(`push to ${this.url} ${target} refused: ${result.error ?? "unknown reason"}${said()}`);
    } catch (error) {
      if (error instanceof Errors.PushRejectedError && error.data.reason === "not-fast-forward") {
        throw new NonFastForwardError(`${target} of ${this.url} moved during the update`, { cause: error });
      }
      if (error instanceof Errors.GitPushError) {
        const details = error.data.prettyDetails.trim();
        // Two pushes that pass the server's check at once: the loser's ref update fails. A lost race, not a refusal.
        if (LOST_RACE.test(details)) throw new NonFastForwardError(`${target} of ${this.url} moved during the update: ${details}`, { cause: error });
        throw new PushRefusedError(`push to ${this.url} ${target} refused: ${details}${said()}`, { cause: error });
      }
      if (error instanceof Errors.HttpError && [401, 403].includes(error.data.statusCode)) {
        throw new PushRefusedError(`push to ${this.url} refused: HTTP ${error.data.statusCode}`, { cause: error });
      }
      throw error;
    }
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
