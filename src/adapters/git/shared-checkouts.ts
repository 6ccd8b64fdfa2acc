import type { GitAuth, GitRemotes, GitWorkspace } from "./git-workspace.ts";

interface Entry {
  readonly workspace: Promise<GitWorkspace>;
  users: number;
}

/** A shared checkout is read by several jobs at once: nothing may change it. */
export class ReadOnlyCheckoutError extends Error {
  constructor(what: string) {
    super(`${what}: a shared checkout is read-only; commit through the branch committer`);
    this.name = "ReadOnlyCheckoutError";
  }
}

/**
 * Checkouts shared by the jobs of one worker process that read the same revision: the check
 * and sync jobs a sweep fans out for apps of one repo mostly want the same head, and each
 * would otherwise clone the whole repo. A checkout of the branch head asks for the head first
 * (one small request) and reuses a checkout of that commit. Up to `keep` unused checkouts stay
 * on disk, least recently used first out. Workspaces handed out are read-only.
 */
export class SharedCheckouts implements GitRemotes {
  private readonly entries = new Map<string, Entry>();

  /** The inner remotes' heads of every branch, when they can tell them. */
  readonly headsOf?: (url: string, auth?: GitAuth) => Promise<ReadonlyMap<string, string>>;

  constructor(private readonly inner: GitRemotes, private readonly keep = 4) {
    const heads = inner.headsOf?.bind(inner);
    if (heads) this.headsOf = heads;
  }

  headOf(url: string, branch: string, auth?: GitAuth): Promise<string | undefined> {
    return this.inner.headOf(url, branch, auth);
  }

  async checkout(url: string, branch: string, auth?: GitAuth, options: { revision?: string } = {}): Promise<GitWorkspace> {
    const revision = options.revision ?? await this.inner.headOf(url, branch, auth);
    // No such branch: the inner checkout says so in its own words.
    if (revision === undefined) return this.inner.checkout(url, branch, auth, options);
    const key = `${url}#${revision}`;
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else {
      const workspace = this.inner.checkout(url, branch, auth, { revision });
      entry = { workspace, users: 0 };
      // A failed checkout is not kept: the next job tries again.
      workspace.catch(() => this.entries.delete(key));
    }
    this.entries.set(key, entry);
    entry.users += 1;
    const shared = entry;
    let released = false;
    const workspace = await shared.workspace.catch((error: unknown) => {
      shared.users -= 1;
      throw error;
    });
    return {
      dir: workspace.dir,
      head: () => workspace.head(),
      readFile: (path) => workspace.readFile(path),
      writeFile: () => Promise.reject(new ReadOnlyCheckoutError("writeFile")),
      commit: () => Promise.reject(new ReadOnlyCheckoutError("commit")),
      push: () => Promise.reject(new ReadOnlyCheckoutError("push")),
      dispose: async () => {
        if (released) return;
        released = true;
        shared.users -= 1;
        await this.evict();
      },
    };
  }

  /** Removes the least recently used checkouts no job is reading, beyond `keep`. */
  private async evict(): Promise<void> {
    const idle = [...this.entries].filter(([, e]) => e.users === 0);
    for (const [key, entry] of idle.slice(0, Math.max(0, idle.length - this.keep))) {
      this.entries.delete(key);
      await (await entry.workspace).dispose();
    }
  }
}
