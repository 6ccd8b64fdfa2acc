/** Credentials for one git remote. */
export interface GitAuth {
  username: string;
  password: string;
}

export interface GitAuthor {
  name: string;
  email: string;
}

/** A checkout of one branch of a GitOps repo, local to the worker. */
export interface GitWorkspace {
  /** The folder holding the checked-out files. */
  readonly dir: string;
  /** The commit checked out. */
  head(): Promise<string>;
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  /** Stages the files and commits them; returns the new commit id. */
  commit(message: string, files: readonly string[], author: GitAuthor): Promise<string>;
  /**
   * Pushes the branch, or the checked-out commit to `remoteBranch` (a pull request's branch);
   * throws NonFastForwardError or PushRefusedError. Never forces.
   */
  push(remoteBranch?: string): Promise<void>;
  /** Removes the checkout. */
  dispose(): Promise<void>;
}

/** Opens workspaces on git remotes. */
export interface GitRemotes {
  /** A checkout of the branch head, or of `revision` (a commit in the branch's history: a rollback). */
  checkout(url: string, branch: string, auth?: GitAuth, options?: { revision?: string }): Promise<GitWorkspace>;
  /** The commit a remote branch points at, without fetching any objects. */
  headOf(url: string, branch: string, auth?: GitAuth): Promise<string | undefined>;
  /** Every branch's head from one ref advertisement, for a caller following several branches of one remote. */
  headsOf?(url: string, auth?: GitAuth): Promise<ReadonlyMap<string, string>>;
}
