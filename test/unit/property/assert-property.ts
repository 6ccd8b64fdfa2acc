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
export function assertProperty<Ts>(property: fc.IProperty<Ts>, params?: fc.Parameters<Ts>, env?: NodeJS.ProcessEnv): void;
export function assertProperty<Ts>(property: fc.IAsyncProperty<Ts>, params?: fc.Parameters<Ts>, env?: NodeJS.ProcessEnv): Promise<void>;
export function assertProperty<Ts>(property: fc.IProperty<Ts> | fc.IAsyncProperty<Ts>, params: fc.Parameters<Ts> = {}, env: NodeJS.ProcessEnv = process.env): void | Promise<void> {
  const replay = replayParams(env);
  const { testPath = "<file>", currentTestName = "" } = expect.getState();
  // -t takes a pattern over the test's full name: its describe blocks' names first, joined by " > ".
  const test = `^${currentTestName.replace(/[.*+?^${}()|[\]\\"]/g, "\\$&")}$`;
  const command = (seed: number, path?: string) => `FC_SEED=${seed}${path === undefined ? "" : ` FC_PATH=${path}`} npx vitest run ${relative(testPath)} -t "${test}"`;
  console.info(`fast-check seed ${replay.seed}${replay.path === undefined ? "" : ` path ${replay.path}`}: ${command(replay.seed, replay.path)}`);
  const settle = (details: fc.RunDetails<Ts>): void => {
    if (!details.failed) return;
    const path = details.counterexamplePath ?? undefined;
    throw new Error(`${fc.defaultReportMessage(details) ?? "property failed"}\nreplay: ${command(details.seed, path)}`);
  };
  const checked = fc.check(property, { ...params, ...replay });
  return checked instanceof Promise ? checked.then(settle) : settle(checked);
}

/** The seed (and path) from FC_SEED and FC_PATH, or a fresh seed the way fast-check picks one. */
function replayParams(env: NodeJS.ProcessEnv): { seed: number; path?: string } {
  const given = env.FC_SEED?.trim();
  if (given !== undefined && given !== "" && !/^-?\d+$/.test(given)) throw new Error(`FC_SEED must be an integer, got ${given}`);
  const seed = given ? Number(given) : Date.now() ^ Math.floor(Math.random() * 0x100000000);
  const path = env.FC_PATH?.trim();
  return { seed, ...(path ? { path } : {}) };
}

function relative(path: string): string {
  const root = `${process.cwd()}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}
