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

/** Reads a definitions file: YAML documents, each with `apps:` and `appSets:` as in sluice.yaml. */
export function readDefinitionsFile(file: string, text: string, config: SluiceConfig): FileDefinitions {
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
