import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The example shipped in `examples/local/`. */
export const EXAMPLE_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples", "local");
const TEMPLATE_GIT_ADDRESS = "127.0.0.1:8788";

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

export interface Example {
  configPath: string;
  gitRoot: string;
  tokenPath: string;
  samplePushPath: string;
}

/**
 * Prepares the local example in a state folder on first run: a bare chart repo seeded
 * from `examples/local/chart-repo`, a random webhook secret, and the config pointing at
 * the chart repo's address. Later runs keep what is there (edits included).
 */
export async function prepareExample(stateDir: string, gitAddress: string): Promise<Example> {
  const gitRoot = join(stateDir, "git");
  const tokenPath = join(stateDir, "secrets", "distribution-token");
  const configPath = join(stateDir, "sluice.yaml");
  await mkdir(gitRoot, { recursive: true });

  if (!(await exists(join(gitRoot, "charts.git")))) await seedRepo(join(gitRoot, "charts.git"), join(EXAMPLE_DIR, "chart-repo"));
  if (!(await exists(tokenPath))) {
    await mkdir(dirname(tokenPath), { recursive: true, mode: 0o700 });
    await writeFile(tokenPath, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  }
  if (!(await exists(configPath))) {
    const template = await readFile(join(EXAMPLE_DIR, "sluice.yaml"), "utf8");
    await writeFile(configPath, template.replaceAll(TEMPLATE_GIT_ADDRESS, gitAddress));
  }
  return { configPath, gitRoot, tokenPath, samplePushPath: join(EXAMPLE_DIR, "sample-push.json") };
}

async function seedRepo(bare: string, seed: string): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "sluice-seed-"));
  try {
    await cp(seed, work, { recursive: true });
    const git = (cwd: string, ...args: string[]) => run("git", args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: "sluice example", GIT_AUTHOR_EMAIL: "example@sluice.invalid", GIT_COMMITTER_NAME: "sluice example", GIT_COMMITTER_EMAIL: "example@sluice.invalid" } });
    await git(work, "init", "-q", "-b", "main");
    await git(work, "add", "-A");
    await git(work, "commit", "-q", "-m", "Example chart repo");
    await mkdir(dirname(bare), { recursive: true });
    await git(work, "clone", "-q", "--bare", work, bare);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
