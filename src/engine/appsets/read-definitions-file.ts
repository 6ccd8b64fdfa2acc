import * as z from "zod";
import { appSchema, type SluiceConfig } from "../../core/config/app-config.ts";
import { appSetConfigSchema, type AppSetConfig } from "../../core/config/app-set-config.ts";
import type { AppDefinitionProblem } from "../../core/apps/app-definition-problem.ts";
import type { IndexedApp } from "../../core/apps/app-index.ts";
import { readYaml } from "../../core/util/read-yaml.ts";
import { YamlSyntaxError } from "../../core/util/yaml-syntax-error.ts";
import { clusterProblem, issuesAt, nameOf } from "./app-problems.ts";

const fileSchema = z.object({ apps: z.array(z.unknown()).default([]), appSets: z.array(z.unknown()).default([]) }).strict();

/** What one file of an app source declares; each definition is read alone, so one bad app spoils only itself. */
export interface FileDefinitions {
  readonly apps: IndexedApp[];
  readonly appSets: { set: AppSetConfig; path: string }[];
  readonly problems: AppDefinitionProblem[];
  /** Names of apps (and app sets) whose definition here was refused: they keep their last good one. */
  readonly broken: string[];
}

// The last text of each file read under a configuration, and what it declares. The index is read again
// on every push to a watched repository and every sweep; a file whose head did not move is not parsed again.
const lastRead = new WeakMap<SluiceConfig, Map<string, { text: string; definitions: FileDefinitions }>>();

/** Reads a definitions file: YAML documents, each with `apps:` and `appSets:` as in sluice.yaml. */
export function readDefinitionsFile(file: string, text: string, config: SluiceConfig): FileDefinitions {
  let files = lastRead.get(config);
  if (!files) lastRead.set(config, (files = new Map()));
  const kept = files.get(file);
  const definitions = kept && kept.text === text ? kept.definitions : parseDefinitions(file, text, config);
  files.set(file, { text, definitions });
  // Fresh entries and lists for each caller: an index's entries are its own, as when the file was parsed for it.
  return {
    apps: definitions.apps.map((entry) => ({ ...entry })),
    appSets: definitions.appSets.map((set) => ({ ...set })),
    problems: [...definitions.problems],
    broken: [...definitions.broken],
  };
}

function parseDefinitions(file: string, text: string, config: SluiceConfig): FileDefinitions {
  const out: FileDefinitions = { apps: [], appSets: [], problems: [], broken: [] };
  let docs;
  try {
    docs = readYaml(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    out.problems.push({ file, path: `line ${error.line}, column ${error.column}`, message: error.reason });
    return out;
  }
  docs.forEach((doc, d) => {
    const at = (path: string) => (docs.length > 1 ? `${d}.${path}` : path).replace(/\.$/, "");
    const parsed = fileSchema.safeParse(doc.value ?? {});
    if (!parsed.success) {
      out.problems.push(...issuesAt(file, at(""), parsed.error));
      return;
    }
    parsed.data.apps.forEach((raw, i) => readApp(raw, file, at(`apps.${i}`), config, out));
    parsed.data.appSets.forEach((raw, i) => {
      const set = appSetConfigSchema.safeParse(raw);
      if (set.success) out.appSets.push({ set: set.data, path: at(`appSets.${i}`) });
      else refuse(out, issuesAt(file, at(`appSets.${i}`), set.error, nameOf(raw)), nameOf(raw));
    });
  });
  return out;
}

function readApp(raw: unknown, file: string, path: string, config: SluiceConfig, out: FileDefinitions): void {
  const app = appSchema.safeParse(raw);
  if (!app.success) return refuse(out, issuesAt(file, path, app.error, nameOf(raw)), nameOf(raw));
  const cluster = clusterProblem(app.data, config, file, path);
  if (cluster) return refuse(out, [cluster], app.data.name);
  out.apps.push({ app: app.data, definedIn: file, labels: {} });
}

function refuse(out: FileDefinitions, problems: AppDefinitionProblem[], name: string | undefined): void {
  out.problems.push(...problems);
  if (name) out.broken.push(name);
}
