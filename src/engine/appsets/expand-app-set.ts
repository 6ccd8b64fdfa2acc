import { appSchema, type SluiceConfig } from "../../core/config/app-config.ts";
import type { AppSetConfig } from "../../core/config/app-set-config.ts";
import type { AppDefinitionProblem } from "../../core/apps/app-definition-problem.ts";
import type { IndexedApp } from "../../core/apps/app-index.ts";
import { renderTemplate } from "../../core/apps/render-template.ts";
import { clusterProblem, issuesAt } from "./app-problems.ts";
import { generateElements, type Element } from "./generate-elements.ts";
import type { GeneratorInputs } from "./generator-inputs.ts";
import { CANNOT_GENERATE_NOW } from "./unsettled-app-sets.ts";

/** What one app set generates now; `stale` when some generator could not be read, so nothing may be removed. */
export interface Expansion {
  readonly apps: IndexedApp[];
  readonly problems: AppDefinitionProblem[];
  readonly stale: boolean;
}

/** Every app of an app set: each generator's elements, the template filled with each, parsed as an app. */
export function expandAppSet(set: AppSetConfig, where: { file: string; path: string }, config: SluiceConfig, inputs: GeneratorInputs): Expansion {
  const apps: IndexedApp[] = [];
  const problems: AppDefinitionProblem[] = [];
  let stale = false;
  set.generators.forEach((generator, g) => {
    const read = generateElements(generator, inputs);
    if (!read.ok) {
      stale = true;
      problems.push({ file: where.file, path: `${where.path}.generators.${g}`, message: `${CANNOT_GENERATE_NOW}: ${read.reason}`, name: set.name });
      return;
    }
    for (const element of read.value) {
      const made = appOf(set, element, where, config);
      if ("problems" in made) problems.push(...made.problems);
      else apps.push(made);
    }
  });
  return { apps, problems, stale };
}

function appOf(set: AppSetConfig, element: Element, where: { file: string; path: string }, config: SluiceConfig): IndexedApp | { problems: AppDefinitionProblem[] } {
  const prefix = `${where.path}.template`;
  const rendered = renderTemplate(set.template, element);
  const about = `(element ${JSON.stringify(element)})`;
  if (rendered.missing.length > 0) {
    return { problems: rendered.missing.map((m) => ({ file: where.file, path: `${prefix}.${m.path}`, message: `no variable {{${m.variable}}} ${about}`, name: set.name })) };
  }
  const parsed = appSchema.safeParse(rendered.value);
  if (!parsed.success) {
    return { problems: issuesAt(where.file, prefix, parsed.error, set.name).map((p) => ({ ...p, message: `${p.message} ${about}` })) };
  }
  const cluster = clusterProblem(parsed.data, config, where.file, prefix);
  if (cluster) return { problems: [cluster] };
  const valuesFile = set.valuesFile && renderTemplate(set.valuesFile, element).value;
  const lifecycle = {
    deletionPolicy: set.deletionPolicy,
    definition: rendered.value,
    ...(isValuesFile(valuesFile) ? { valuesFile } : {}),
    ...(set.idleTtl !== undefined ? { idleTtlSeconds: set.idleTtl } : {}),
  };
  return { app: parsed.data, appSet: set.name, definedIn: where.file, labels: { ...element, appSet: set.name }, generated: lifecycle };
}

const isValuesFile = (value: unknown): value is { from: string; path: string } =>
  typeof value === "object" && value !== null && "from" in value && "path" in value && typeof value.from === "string" && typeof value.path === "string";
