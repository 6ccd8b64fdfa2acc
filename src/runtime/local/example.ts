import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "examples");
/** The example shipped in `examples/local/`. */
export const EXAMPLE_DIR = join(EXAMPLES, "local");
const TEMPLATE_GIT_ADDRESS = "127.0.0.1:8788";
// `${NAME}` or `${NAME:-default}` in an example's sluice.yaml: filled from the environment on first run.
const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)(?::-([^}]*))?\}/g;
// Each `file: secrets/<name>` the example's sluice.yaml names gets a random secret on first run.
const SECRET_FILE = /file:\s*(secrets\/[A-Za-z0-9._-]+)/g;

const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

export interface Example {
  /** The folder of examples/ it came from (`local` unless SLUICE_EXAMPLE names another). */
  name: string;
  configPath: string;
  gitRoot: string;
  tokenPath: string;
  samplePushPath: string;
}

/**
 * Prepares an example in a state folder on first run: a bare chart repo seeded from
 * `examples/<name>/chart-repo`, a random secret for each secret file its config names, and the
 * config pointing at the chart repo's address, its `${NAME:-default}` filled from `env`. The
 * example is `examples/local/` unless `SLUICE_EXAMPLE` names another. Later runs keep what is
 * there (edits included).
 */
export async function prepareExample(stateDir: string, gitAddress: string, env: Record<string, string | undefined> = process.env): Promise<Example> {
  const name = env["SLUICE_EXAMPLE"] || "local";
  if (!/^[a-z0-9-]+$/.test(name) || !(await exists(join(EXAMPLES, name, "sluice.yaml")))) {
    throw new Error(`SLUICE_EXAMPLE=${name}: no such example (a folder of examples/ with a sluice.yaml)`);
  }
  const dir = join(EXAMPLES, name);
  const gitRoot = join(stateDir, "git");
  const configPath = join(stateDir, "sluice.yaml");
  await mkdir(gitRoot, { recursive: true });

  if (!(await exists(join(gitRoot, "charts.git")))) await seedRepo(join(gitRoot, "charts.git"), join(dir, "chart-repo"));
  const template = await readFile(join(dir, "sluice.yaml"), "utf8");
  for (const [, file = ""] of template.matchAll(SECRET_FILE)) {
    const path = join(stateDir, file);
    if (await exists(path)) continue;
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    await writeFile(path, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
  }
  if (!(await exists(configPath))) {
    const missing = new Set<string>();
    const filled = template.replaceAll(TEMPLATE_GIT_ADDRESS, gitAddress).replace(PLACEHOLDER, (whole, key: string, fallback?: string) => {
      const value = env[key] || fallback;
      if (value === undefined) missing.add(key);
      return value ?? whole;
    });
    if (missing.size > 0) throw new Error(`examples/${name}/sluice.yaml needs ${[...missing].join(", ")} set in the environment (see its comments)`);
    await writeFile(configPath, filled);
  }
  return { name, configPath, gitRoot, tokenPath: join(stateDir, "secrets", "distribution-token"), samplePushPath: join(dir, "sample-push.json") };
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
