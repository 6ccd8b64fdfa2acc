import { mkdir, open, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";

// A lock older than this was left by a process that died holding it: a record write takes milliseconds.
const STALE_MS = 30_000;
const WAIT_MS = 10;
const ATTEMPTS = 1_000;

/**
 * Runs `fn` holding `<path>.lock`, a file created with O_EXCL: one holder at a time among the
 * processes sharing the folder (on a local filesystem; O_EXCL is not atomic on some NFS).
 */
export async function withFileLock<T>(path: string, fn: () => Promise<T>): Promise<T> {
  const lock = `${path}.lock`;
  await mkdir(dirname(lock), { recursive: true });
  for (let attempt = 1; ; attempt += 1) {
    try {
      await (await open(lock, "wx")).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= ATTEMPTS) throw error;
      if (await isStale(lock)) await rm(lock, { force: true });
      else await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs > STALE_MS;
  } catch (error) {
    // Released between our open and our look: not stale, just free.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
