import fc from "fast-check";
import { expect } from "vitest";

/**
 * fc.assert that prints the seed of every run, and on a failure the counterexample's path, as
 * the command that replays it:
 *
 *   FC_SEED=<seed> npx vitest run <file> -t "<test name>"                 # the same run again
 *   FC_SEED=<seed> FC_PATH=<path> npx vitest run <file> -t "<test name>"  # only the counterexample
 *
 * Without FC_SEED each run takes a fresh seed, as fast-check does. Keep `-t` when replaying a
 * path: every property of the file would take the same FC_PATH, and it belongs to one.
 */
type Env = NodeJS.ProcessEnv;

export function assertProperty<Ts>(property: fc.IProperty<Ts>, params?: fc.Parameters<Ts>, env?: Env): void;
export function assertProperty<Ts>(property: fc.IAsyncProperty<Ts>, params?: fc.Parameters<Ts>, env?: Env):
  Promise<void>;
export function assertProperty<Ts>(
  property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>,
  params: fc.Parameters<Ts> = {},
  env: Env = process.env,
): void | Promise<void> {
  const replay = replayParams(env);
  const command = replayCommand();
  const shownPath = replay.path === undefined ? "" : ` path ${replay.path}`;
  console.info(`fast-check seed ${replay.seed}${shownPath}: ${command(replay.seed, replay.path)}`);
  const settle = (details: fc.RunDetails<Ts>): void => {
    if (!details.failed) return;
    const path = details.counterexamplePath ?? undefined;
    throw new Error(`${fc.defaultReportMessage(details) ?? "property failed"}\nreplay: ${command(details.seed, path)}`);
  };
  const checked = fc.check(property, { ...params, ...replay });
  return checked instanceof Promise ? checked.then(settle) : settle(checked);
}

/** The seed (and path) from FC_SEED and FC_PATH, or a fresh seed the way fast-check picks one. */
function replayParams(env: Env): { seed: number; path?: string } {
  const given = env.FC_SEED?.trim();
  if (given && !/^-?\d+$/.test(given)) throw new Error(`FC_SEED must be an integer, got ${given}`);
  const seed = given ? Number(given) : Date.now() ^ Math.floor(Math.random() * 0x100000000);
  const path = env.FC_PATH?.trim();
  return { seed, ...(path ? { path } : {}) };
}

/** The shell command that runs the current test again with a seed and path. */
function replayCommand(): (seed: number, path?: string) => string {
  const { testPath = "<file>", currentTestName = "" } = expect.getState();
  const root = `${process.cwd()}/`;
  const file = testPath.startsWith(root) ? testPath.slice(root.length) : testPath;
  // -t takes a pattern over the test's full name: its describe blocks' names first, joined by " > ".
  const name = `^${currentTestName.replace(/[.*+?^${}()|[\]\\"]/g, "\\$&")}$`;
  return (seed, path) =>
    `FC_SEED=${seed}${path === undefined ? "" : ` FC_PATH=${path}`} npx vitest run ${file} -t "${name}"`;
}
