import type { BranchEditor, BranchEditors } from "../../../../src/adapters/git/branch-editor.ts";
import { NonFastForwardError, PushRefusedError } from "../../../../src/adapters/git/git-errors.ts";
import type { GitWorkspace } from "../../../../src/adapters/git/git-workspace.ts";

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
export class FakeGitRemotes implements BranchEditors {
  readonly branches = new Map<string, FakeCommit>();
  opened = 0;
  fetches = 0;
  pushes = 0;
  /** Checkouts removed. */
  disposed = 0;
  beforePush: ((branch: string) => void) | undefined;
  private next = 1;
  private readonly commits = new Map<string, FakeCommit>();

  constructor(files: Record<string, string>) {
    this.record({ id: "c0", parent: undefined, message: "initial", files });
    this.branches.set("main", this.head("c0"));
  }

  /** Commits on `branch` as another writer would. */
  commitAs(branch: string, message: string, change: Record<string, string>): void {
    const head = this.tip(branch);
    this.branches.set(branch, this.record({ id: `c${this.next++}`, parent: head.id, message, files: { ...head.files, ...change } }));
  }

  tip(branch: string): FakeCommit {
    const tip = this.branches.get(branch);
    if (!tip) throw new Error(`no branch ${branch}`);
    return tip;
  }

  /** The commits of `branch`, newest first. */
  log(branch = "main"): FakeCommit[] {
    const out: FakeCommit[] = [];
    for (let c: FakeCommit | undefined = this.tip(branch); c; c = c.parent === undefined ? undefined : this.commits.get(c.parent)) out.push(c);
    return out;
  }

  async edit(_url: string, branch: string): Promise<BranchEditor> {
    this.opened += 1;
    let base = this.fetch(branch);
    let head = base;
    const written = new Map<string, string>();
    return {
      readFile: async (path) => {
        const content = written.get(path) ?? base.files[path];
        if (content === undefined) throw new Error(`ENOENT ${path}`);
        return content;
      },
      writeFile: async (path, content) => void written.set(path, content),
      commit: async (message) => {
        head = this.record({ id: `c${this.next++}`, parent: base.id, message, files: { ...base.files, ...Object.fromEntries(written) } });
        return head.id;
      },
      push: async (remoteBranch) => {
        this.pushes += 1;
        const target = remoteBranch ?? branch;
        this.beforePush?.(target);
        const current = this.branches.get(target);
        if (current && current.id !== head.parent) throw new NonFastForwardError(`${target} moved`);
        this.branches.set(target, head);
      },
      refresh: async () => {
        base = this.fetch(branch);
        head = base;
        written.clear();
      },
      checkout: async () => workspaceAt(head, () => void (this.disposed += 1)),
      dispose: async () => undefined,
    };
  }

  private fetch(branch: string): FakeCommit {
    this.fetches += 1;
    return this.tip(branch);
  }

  private head(id: string): FakeCommit {
    const c = this.commits.get(id);
    if (!c) throw new Error(`no commit ${id}`);
    return c;
  }

  private record(commit: FakeCommit): FakeCommit {
    this.commits.set(commit.id, commit);
    return commit;
  }
}

function workspaceAt(commit: FakeCommit, disposed: () => void = () => undefined): GitWorkspace {
  return {
    dir: `/fake/${commit.id}`,
    head: async () => commit.id,
    readFile: async (path) => commit.files[path] ?? "",
    writeFile: () => Promise.reject(new Error("read-only")),
    commit: () => Promise.reject(new Error("read-only")),
    push: () => Promise.reject(new Error("read-only")),
    dispose: async () => disposed(),
  };
}

export function refuse(message: string): never {
  throw new PushRefusedError(message);
}
