import { loadConfig } from "../../core/config/load-config.ts";
import { validationNotes } from "../../core/config/validation-notes.ts";
import { silentLogger } from "../../core/log/logger.ts";
import { problemLine } from "../../jobs/status/format-app-sets.ts";
import { localAppIndex } from "../local/local-app-index.ts";
import { readEnv } from "../wiring/read-env.ts";

type Out = (text: string) => void;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * `sluice validate`: the configuration (a ConfigError lists its problems), then, when it names app
 * sources or app sets, every app and app-set definition they hold, read from git as the worker
 * reads them; each refused file is listed with its path and every problem, and the exit is 1.
 */
export async function validateCommand(path: string, out: Out, err: Out): Promise<number> {
  const config = await loadConfig(path);
  for (const note of validationNotes(config)) out(`note: ${note}\n`);
  const counts = `${plural(config.clusters.length, "cluster")}`;
  if (config.appSources.length === 0 && config.appSets.length === 0) {
    out(`${path}: valid (${plural(config.apps.length, "app")}, ${counts})\n`);
    return 0;
  }
  const index = await localAppIndex(config, readEnv(), { env: process.env }, silentLogger).refresh();
  const sources = `${plural(config.appSources.length, "app source")}, ${plural(setNames(config.appSets, index.entries), "app set")}`;
  if (index.problems.length > 0) {
    for (const problem of index.problems) err(`${problemLine(problem)}\n`);
    err(`${path}: ${plural(index.problems.length, "problem")} in the app definitions; ${plural(index.entries.length, "app")} load (${sources})\n`);
    return 1;
  }
  out(`${path}: valid (${plural(index.entries.length, "app")}, ${counts}, ${sources})\n`);
  return 0;
}

/** App sets inline and those of the app sources that generate an app now. */
const setNames = (inline: readonly { name: string }[], entries: readonly { appSet?: string | undefined }[]): number =>
  new Set([...inline.map((s) => s.name), ...entries.flatMap((e) => (e.appSet ? [e.appSet] : []))]).size;
