import { createHash } from "node:crypto";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { AppSetConfig } from "../../core/config/app-set-config.ts";
import type { AppSourceConfig } from "../../core/config/app-source-config.ts";
import type { AppDefinitionProblem } from "../../core/apps/app-definition-problem.ts";
import type { AppIndex, IndexedApp } from "../../core/apps/app-index.ts";
import { expandAppSet } from "./expand-app-set.ts";
import type { GeneratorInputs, Read } from "./generator-inputs.ts";
import { readDefinitionsFile } from "./read-definitions-file.ts";

/** One app source as read at its head: its definition files, or why it could not be read. */
export interface SourceRead {
  readonly source: AppSourceConfig;
  readonly read: Read<{ readonly head: string; readonly files: readonly { readonly path: string; readonly text: string }[] }>;
}

export interface BuildInput {
  readonly config: SluiceConfig;
  readonly sources: readonly SourceRead[];
  readonly inputs: GeneratorInputs;
  /** The index before: where a definition is refused or a source unreadable, its apps stay as they were. */
  readonly previous?: AppIndex | undefined;
}

/** `<repo>@<branch>`: how problems and `definedIn` name an app source. */
export const sourceLabel = (source: AppSourceConfig): string => `${source.repo}@${source.branch}`;

/**
 * The index of every app: inline ones first, then each app source's in order, then every app set's;
 * a later app with a name already taken is refused, with who has it. Nothing here does I/O.
 */
export function buildAppIndex(input: BuildInput): AppIndex {
  const { config, previous } = input;
  const byName = new Map<string, IndexedApp>();
  const problems: AppDefinitionProblem[] = [];
  const add = (entry: IndexedApp): void => {
    const taken = byName.get(entry.app.name);
    if (!taken) {
      byName.set(entry.app.name, entry);
      return;
    }
    if (taken === entry) return;
    const holder = taken.appSet ? `app set ${taken.appSet} in ${taken.definedIn}` : taken.definedIn;
    const by = entry.appSet ? `app set ${entry.appSet} cannot generate it too` : "this definition is refused";
    problems.push({ file: entry.definedIn, path: "name", message: `app name "${entry.app.name}" is taken by ${holder}: ${by}`, name: entry.app.name });
  };
  const keepPrevious = (keep: (entry: IndexedApp) => boolean): void => {
    for (const entry of previous?.entries ?? []) if (keep(entry)) add(entry);
  };
  for (const app of config.apps) add({ app, definedIn: "sluice.yaml", labels: {} });
  const sets: { set: AppSetConfig; file: string; path: string }[] = config.appSets.map((set, i) => ({ set, file: "sluice.yaml", path: `appSets.${i}` }));
  for (const { source, read } of input.sources) {
    const label = sourceLabel(source);
    if (!read.ok) {
      problems.push({ file: label, path: "(source)", message: `not read, its apps are kept as they were: ${read.reason}` });
      keepPrevious((e) => e.definedIn.startsWith(`${label}:`));
      continue;
    }
    for (const file of read.value.files) {
      const found = readDefinitionsFile(`${label}:${file.path}`, file.text, config);
      problems.push(...found.problems);
      found.apps.forEach(add);
      const broken = new Set(found.broken);
      keepPrevious((e) => broken.has(e.app.name) || (e.appSet !== undefined && broken.has(e.appSet)));
      sets.push(...found.appSets.map((s) => ({ ...s, file: `${label}:${file.path}` })));
    }
  }
  for (const { set, file, path } of sets) {
    const expansion = expandAppSet(set, { file, path }, config, input.inputs);
    problems.push(...expansion.problems);
    expansion.apps.forEach(add);
    // A generator not read now is no reason to remove what it generated before.
    if (expansion.stale) keepPrevious((e) => e.appSet === set.name && !byName.has(e.app.name));
  }
  return indexOf([...byName.values()], problems, revisionOf(input));
}

function indexOf(entries: IndexedApp[], problems: AppDefinitionProblem[], revision: string): AppIndex {
  const byName = new Map(entries.map((e) => [e.app.name, e]));
  return { revision, entries, problems, get: (name) => byName.get(name) };
}

function revisionOf(input: BuildInput): string {
  const heads = input.sources.map((s) => (s.read.ok ? s.read.value.head : `unread:${s.read.reason}`));
  const inputs = [...input.inputs.branches, ...input.inputs.directories, ...input.inputs.requests];
  const text = JSON.stringify([input.config.apps, input.config.appSets, input.config.clusters.map((c) => [c.name, c.labels]), heads, inputs]);
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
