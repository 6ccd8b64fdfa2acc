import { appSchema } from "../../core/config/app-config.ts";
import { renderTemplate } from "../../core/apps/render-template.ts";

type Obj = Record<string, unknown>;

/**
 * Problems of an imported app set's template filled with one element of each generator, as
 * the app index fills it: variables no generator gives, and what the app schema refuses.
 */
export function appSetTemplateProblems(set: Obj): string[] {
  const generators = (Array.isArray(set["generators"]) ? set["generators"] : []) as Obj[];
  const given = Object.assign({}, ...generators.map(sampleElement)) as Record<string, string>;
  // A cluster's labels are the cluster's own: any label may be there, not only those selected on.
  const clusters = JSON.stringify(generators).includes('"clusters"');
  const variables = new Proxy(given, {
    get: (target, name: string) =>
      clusters && name.startsWith("cluster.labels.") ? (target[name] ?? "example") : target[name],
  });
  const rendered = renderTemplate(set["template"], variables);
  if (rendered.missing.length > 0)
    return rendered.missing.map((m) => `template.${m.path}: no generator gives {{${m.variable}}}`);
  const left = leftover(rendered.value, "template");
  if (left.length > 0) return left;
  const parsed = appSchema.safeParse(rendered.value);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => `template.${issue.path.join(".")}: ${issue.message}`);
}

/** One element of a generator, with the variables it gives and a value of each. */
function sampleElement(generator: Obj): Record<string, string> {
  if (generator["matrix"]) {
    const inner = ((generator["matrix"] as Obj)["generators"] ?? []) as Obj[];
    return Object.assign({}, ...inner.map(sampleElement)) as Record<string, string>;
  }
  if (generator["list"]) {
    const elements = ((generator["list"] as Obj)["elements"] ?? []) as Obj[];
    return Object.fromEntries(Object.entries(elements[0] ?? {}).map(([k, v]) => [k, String(v)]));
  }
  if (generator["clusters"]) {
    const selector = ((generator["clusters"] as Obj)["selector"] ?? {}) as Obj;
    const labels = (selector["matchLabels"] ?? {}) as Record<string, string>;
    return {
      "cluster.name": "in-cluster",
      ...Object.fromEntries(Object.entries(labels).map(([k, v]) => [`cluster.labels.${k}`, v])),
    };
  }
  if (generator["gitDirectories"]) return { path: "apps/example", "path.basename": "example" };
  const branch = { branch: "feature-x", branchSlug: "feature-x", sha: "0".repeat(40), shortSha: "0000000" };
  if (generator["pullRequests"]) return { ...branch, number: "1" };
  if (generator["branches"]) return branch;
  return {};
}

/** Placeholders Sluice does not read (`{{path[0]}}`, `{{index .x "y"}}`), left as they were written. */
function leftover(value: unknown, path: string): string[] {
  if (typeof value === "string") {
    const found = /\{\{[^}]*\}\}/.exec(value);
    return found ? [`${path}: ${found[0]} is not a placeholder Sluice fills`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => leftover(v, `${path}.${i}`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leftover(v, `${path}.${k}`));
  return [];
}
