import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** Prefix of every checkout folder; the owning process's id follows, so others can tell whose it is. */
export const CHECKOUT_PREFIX = "sluice-git-";

const OWNED = /^sluice-git-(\d+)-/;

/** Whether a process with this id runs here (a signal 0 reaches it, or it exists under another user). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && "code" in error && error.code === "EPERM";
  }
}

/**
 * The checkout folders in `root` that nobody uses: those of processes no longer running, this
 * process's own that it no longer holds (a killed predecessor with the same id, as in a restarted
 * Lambda runtime), and unowned ones from before folders named their process.
 */
export async function leftoverCheckouts(root: string, held: ReadonlySet<string>, pid = process.pid): Promise<string[]> {
  const names = await readdir(root).catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "ENOENT") return [];
    throw error;
  });
  return names.filter((name) => name.startsWith(CHECKOUT_PREFIX)).filter((name) => {
    const owner = OWNED.exec(name)?.[1];
    if (owner === undefined) return true;
    const ownerPid = Number(owner);
    return ownerPid === pid ? !held.has(join(root, name)) : !running(ownerPid);
  }).map((name) => join(root, name));
}

/** Removes the leftovers `leftoverCheckouts` finds; returns how many. A killed process's clones would fill a Lambda's /tmp. */
export async function removeLeftoverCheckouts(root: string, held: ReadonlySet<string>): Promise<number> {
  const leftovers = await leftoverCheckouts(root, held);
  await Promise.all(leftovers.map((dir) => rm(dir, { recursive: true, force: true })));
  return leftovers.length;
}
