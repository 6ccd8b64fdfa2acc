/** A value with `{{variable}}` filled in wherever a string holds one, and the variables it lacked. */
export interface RenderedTemplate {
  readonly value: unknown;
  /** Each string that names a variable the element does not have: its dotted path and the name. */
  readonly missing: readonly { readonly path: string; readonly variable: string }[];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Fills an app set's template with one element's variables, as Argo CD's ApplicationSet does. */
export function renderTemplate(template: unknown, variables: Readonly<Record<string, string>>): RenderedTemplate {
  const missing: { path: string; variable: string }[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === "string") {
      return value.replace(PLACEHOLDER, (whole, name: string) => {
        const found = variables[name];
        if (found === undefined) missing.push({ path, variable: name });
        return found ?? whole;
      });
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, path ? `${path}.${i}` : String(i)));
    if (typeof value === "object" && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, path ? `${path}.${key}` : key)]));
    }
    return value;
  };
  return { value: walk(template, ""), missing };
}
