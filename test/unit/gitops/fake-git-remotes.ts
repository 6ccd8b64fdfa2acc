import { NonFastForwardError, PushRefusedError } from "../../../src/gitops/git-errors.ts";
import type { GitRemotes, GitWorkspace } from "../../../src/gitops/git-workspace.ts";

export interface FakeCommit {
  readonly id: string;
  readonly parent: string | undefined;
  readonly message: string;
  readonly files: Readonly<Record<string, string>>;
}

/**
 * An in-memory git server with one repo of branches; pushes are fast-forward-only, as
 * a real server's are. `beforePush` lets a test move the branch in between (a racing
 * writer) or refuse (a hook).
 */
export class FakeGitRemotes implements GitRemotes {
  readonly branches = new Map<string, FakeCommit>();
  checkouts = 0;
  pushes = 0;
  beforePush: ((branch: string) => void) | undefined;
  private next = 1;
  private readonly allCommits: FakeCommit[] = [];

  constructor(files: Record<string, string>) {
    this.branches.set("main", { id: "c0", parent: undefined, message: "initial", files });
  }

  /** Commits on `branch` as another writer would. */
  commitAs(branch: string, message: string, change: Record<string, string>): void {
    const head = this.head(branch);
    const commit = { id: `c${this.next++}`, parent: head.id, message, files: { ...head.files, ...change } };
    this.allCommits.push(head, commit);
    this.branches.set(branch, commit);
  }

  head(branch: string): FakeCommit {
    const head = this.branches.get(branch);
    if (!head) throw new Error(`no branch ${branch}`);
    return head;
  }

  /** Commit messages from the head back, newest first. */
  log(branch = "main"): FakeCommit[] {
    const out: FakeCommit[] = [];
    let id: string | undefined = this.head(branch).id;
    const all = new Map<string, FakeCommit>();
    for (const c of this.allCommits) all.set(c.id, c);
    while (id !== undefined) {
      const c = all.get(id);
      if (!c) break;
      out.push(c);
      id = c.parent;
    }
    return out;
  }

  checkout(_url: string, branch: string): Promise<GitWorkspace> {
    this.checkouts += 1;
    const base = this.head(branch);
    this.allCommits.push(base);
    const files = { ...base.files };
    let local: FakeCommit = base;
    return Promise.resolve({
      dir: `/fake/${this.checkouts}`,
      head: () => Promise.resolve(local.id),
      readFile: (path) => (files[path] === undefined ? Promise.reject(new Error(`ENOENT ${path}`)) : Promise.resolve(files[path])),
      writeFile: (path, content) => {
        files[path] = content;
        return Promise.resolve();
      },
      commit: (message) => {
        local = { id: `c${this.next++}`, parent: local.id, message, files: { ...files } };
        this.allCommits.push(local);
        return Promise.resolve(local.id);
      },
      push: (remoteBranch) => {
        this.pushes += 1;
        const target = remoteBranch ?? branch;
        this.beforePush?.(target);
        const current = this.branches.get(target);
        if (current && current.id !== local.parent && current.id !== local.id) return Promise.reject(new NonFastForwardError(`${target} moved`));
        this.branches.set(target, local);
        return Promise.resolve();
      },
      dispose: () => Promise.resolve(),
    });
  }

  headOf(_url: string, branch: string): Promise<string | undefined> {
    return Promise.resolve(this.branches.get(branch)?.id);
  }
}

export function refuse(message: string): never {
  throw new PushRefusedError(message);
}
