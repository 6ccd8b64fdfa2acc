// Test helpers around bare repositories, driven by the git CLI so that what a
// test asserts does not depend on isomorphic-git, the client under test.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** Identity and config for every git CLI call, independent of the user's ~/.gitconfig. */
const GIT_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_AUTHOR_NAME: "Sluice Test",
  GIT_AUTHOR_EMAIL: "test@sluice.invalid",
  GIT_COMMITTER_NAME: "Sluice Test",
  GIT_COMMITTER_EMAIL: "test@sluice.invalid",
  GIT_TERMINAL_PROMPT: "0",
};

/** Runs `git <args>` and returns stdout; the error names the command and carries stderr. */
export async function git(args: string[], cwd?: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync("git", args, { cwd, env: GIT_ENV, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = typeof error === "object" && error !== null && "stderr" in error ? String(error.stderr) : "";
    throw new Error(`git ${args.join(" ")} failed: ${stderr.trim()}`, { cause: error });
  }
}

/**
 * Creates the bare repository `<root>/<name>` whose branch `main` holds one
 * commit with `seedFiles` (path → content, `/` separated).
 */
export async function createBareRepo(root: string, name: string, seedFiles: Record<string, string>): Promise<void> {
  const bare = join(root, name);
  await mkdir(root, { recursive: true });
  await git(["init", "--quiet", "--bare", "--initial-branch=main", bare]);
  const work = await mkdtemp(join(tmpdir(), "sluice-seed-"));
  try {
    await git(["init", "--quiet", "--initial-branch=main", work]);
    for (const [path, content] of Object.entries(seedFiles)) {
      const file = join(work, ...path.split("/"));
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    await git(["add", "--all"], work);
    await git(["commit", "--quiet", "--allow-empty", "-m", "Initial commit"], work);
    await git(["push", "--quiet", bare, "main:main"], work);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export interface GitLogEntry {
  sha: string;
  parents: string[];
  authorName: string;
  authorEmail: string;
  subject: string;
  body: string;
}

/** Commits reachable from `ref` in the (bare) repository `repoDir`, newest first. */
export async function gitLog(repoDir: string, ref = "main", max = 50): Promise<GitLogEntry[]> {
  // Unit and record separators cannot appear in commit metadata typed by people.
  const out = await git(["--git-dir", repoDir, "log", `--max-count=${max}`, "--format=%H%x1f%P%x1f%an%x1f%ae%x1f%s%x1f%b%x1e", ref]);
  return out
    .split("\x1e")
    .map((record) => record.replace(/^\n/, ""))
    .filter((record) => record.length > 0)
    .map((record) => {
      const [sha = "", parents = "", authorName = "", authorEmail = "", subject = "", body = ""] = record.split("\x1f");
      return { sha, parents: parents.split(" ").filter(Boolean), authorName, authorEmail, subject, body: body.trim() };
    });
}

/** Content of `path` at `ref` (default `main`) in the (bare) repository `repoDir`. */
export async function readFileAtHead(repoDir: string, path: string, ref = "main"): Promise<string> {
  return git(["--git-dir", repoDir, "show", `${ref}:${path}`]);
}

/** The commit `ref` points to in `repoDir`. */
export async function revParse(repoDir: string, ref = "main"): Promise<string> {
  return (await git(["--git-dir", repoDir, "rev-parse", "--verify", `${ref}^{commit}`])).trim();
}
