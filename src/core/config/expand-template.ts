import type { TagMatch } from "./flux-regex.ts";

/** One `$name`, `${name}` or `$1` in a template, as Go's regexp.Expand reads it. */
export interface TemplateReference {
  readonly name: string;
  /** The group number when the name is all digits. */
  readonly index?: number;
}

type Piece = { readonly text: string } | { readonly ref: TemplateReference };

/**
 * Splits a template as Go's `Regexp.Expand` does (Flux's `extract`): `$$` is a literal `$`;
 * a name is the longest run of letters, digits and `_` (`$1x` is `${1x}`); a `$` that starts
 * no valid reference stays as it is.
 */
export function parseTemplate(template: string): Piece[] {
  const pieces: Piece[] = [];
  let rest = template;
  while (rest.length > 0) {
    const at = rest.indexOf("$");
    if (at === -1) break;
    if (at > 0) pieces.push({ text: rest.slice(0, at) });
    rest = rest.slice(at + 1);
    if (rest.startsWith("$")) {
      pieces.push({ text: "$" });
      rest = rest.slice(1);
      continue;
    }
    const found = /^(?:\{(\w+)\}|(\w+))/.exec(rest);
    const name = found?.[1] ?? found?.[2];
    if (!found || name === undefined) {
      pieces.push({ text: "$" });
      continue;
    }
    rest = rest.slice(found[0].length);
    pieces.push({ ref: /^\d+$/.test(name) ? { name, index: Number(name) } : { name } });
  }
  if (rest.length > 0) pieces.push({ text: rest });
  return pieces;
}

/** The references a template makes, to check them against the pattern's groups. */
export function templateReferences(template: string): TemplateReference[] {
  return parseTemplate(template).flatMap((p) => ("ref" in p ? [p.ref] : []));
}

/** The template filled from a match; a group that is absent or did not take part is empty, as in Go. */
export function expandTemplate(template: string, match: TagMatch): string {
  return parseTemplate(template)
    .map((p) =>
      "text" in p ? p.text : ((p.ref.index !== undefined ? match.groups[p.ref.index] : match.named[p.ref.name]) ?? ""),
    )
    .join("");
}
