import * as fs from "node:fs";
import git from "isomorphic-git";
import type { GitAuthor } from "./git-workspace.ts";

/**
 * Commits `files` (repo-relative path → content) on top of `parent` in the repo in `dir`,
 * writing their blobs and only the trees on their paths, and moves `refs/heads/<branch>` to
 * the commit. git.add + git.commit would rebuild every tree of the repository from the
 * index: in a chart repo of a hundred apps, most of a bump's time.
 */
export async function writeCommit(dir: string, branch: string, parent: string, files: ReadonlyMap<string, string | Uint8Array | null>, message: string, author: GitAuthor): Promise<string> {
  let tree = (await git.readCommit({ fs, dir, oid: parent })).commit.tree;
  for (const [path, content] of files) {
    // null removes the file: its tree entry goes, and so does each tree that it leaves empty.
    const blob = content === null ? undefined : await git.writeBlob({ fs, dir, blob: typeof content === "string" ? Buffer.from(content, "utf8") : content });
    tree = (await replaceInTree(dir, tree, path.split("/"), blob)) ?? await git.writeTree({ fs, dir, tree: [] });
  }
  const who = { ...author, timestamp: Math.floor(Date.now() / 1000), timezoneOffset: new Date().getTimezoneOffset() };
  const commit = await git.writeCommit({ fs, dir, commit: { message, tree, parent: [parent], author: who, committer: who } });
  await git.writeRef({ fs, dir, ref: `refs/heads/${branch}`, value: commit, force: true });
  return commit;
}

/** The tree `treeOid` with the blob at `path` replaced (or added, with the trees leading to it), or removed; undefined once empty. */
async function replaceInTree(dir: string, treeOid: string | undefined, path: readonly string[], blob: string | undefined): Promise<string | undefined> {
  const [name, ...rest] = path;
  if (name === undefined || name === "") throw new Error(`invalid path in the repository: ${path.join("/")}`);
  const entries = treeOid === undefined ? [] : (await git.readTree({ fs, dir, oid: treeOid })).tree;
  const existing = entries.find((e) => e.path === name);
  const others = entries.filter((e) => e.path !== name);
  const oid = rest.length === 0 ? blob : await replaceInTree(dir, existing?.type === "tree" ? existing.oid : undefined, rest, blob);
  if (oid === undefined) return others.length > 0 ? git.writeTree({ fs, dir, tree: others }) : undefined;
  const entry = rest.length === 0
    ? { mode: existing?.type === "blob" ? existing.mode : "100644", path: name, oid, type: "blob" as const }
    : { mode: "040000", path: name, oid, type: "tree" as const };
  return git.writeTree({ fs, dir, tree: [...others, entry] });
}
