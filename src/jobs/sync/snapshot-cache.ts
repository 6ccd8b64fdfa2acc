import type { GitAuth, GitRemotes } from "../../adapters/git/git-workspace.ts";
import { readSnapshot, type SourceSnapshot } from "./source-digest.ts";

/**
 * Source snapshots by repo and revision, kept in the process (a warm Lambda keeps them between
 * sweeps). A revision never changes, so a branch head is fetched once however many sweeps,
 * and however many apps, compare against it.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, { revision: string; snapshot: SourceSnapshot }>();

  constructor(private readonly maxEntries = 16) {}

  /** The snapshot of the branch at `head`: from the cache, or from one shallow checkout of that commit. */
  async at(git: GitRemotes, url: string, branch: string, head: string, auth: GitAuth | undefined): Promise<{ revision: string; snapshot: SourceSnapshot; fetched: boolean }> {
    const key = `${url}#${head}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { ...hit, fetched: false };
    }
    const workspace = await git.checkout(url, branch, auth, { revision: head });
    try {
      const entry = { revision: head, snapshot: await readSnapshot(workspace.dir) };
      this.entries.set(key, entry);
      while (this.entries.size > this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest === undefined) break;
        this.entries.delete(oldest);
      }
      return { ...entry, fetched: true };
    } finally {
      await workspace.dispose();
    }
  }
}
