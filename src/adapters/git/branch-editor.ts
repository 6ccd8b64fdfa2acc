import type { GitAuth, GitAuthor, GitWorkspace } from "./git-workspace.ts";

/** Files of a branch, read and written as the edits of one commit. */
export interface FileEditor {
  readFile(path: string): Promise<string>;
  writeFile(path: string, content: string): Promise<void>;
  /** Removes the file in the commit; absent where an editor cannot (a fake that only writes). */
  removeFile?(path: string): Promise<void>;
  /** True when the file is in the branch (or written since). */
  hasFile?(path: string): Promise<boolean>;
}

/**
 * One branch opened for committing, on git objects alone: no files are written to disk
 * until `checkout`, so a lost race costs a fetch, not a new clone and checkout.
 */
export interface BranchEditor extends FileEditor {
  /** Commits the files written since the branch head was fetched; returns the commit id. */
  commit(message: string, author: GitAuthor): Promise<string>;
  /** Pushes the commit to the branch, or to `remoteBranch`; throws NonFastForwardError or PushRefusedError. Never forces. */
  push(remoteBranch?: string): Promise<void>;
  /** Fetches the branch head again and forgets the writes and the commit: after a lost race. */
  refresh(): Promise<void>;
  /** The files at the commit (or the fetched head) on disk, for a sync; the workspace then owns the folder. */
  checkout(): Promise<GitWorkspace>;
  /** Removes the folder, unless `checkout` handed it on. */
  dispose(): Promise<void>;
}

/** Opens branches for committing. */
export interface BranchEditors {
  edit(url: string, branch: string, auth?: GitAuth): Promise<BranchEditor>;
}
