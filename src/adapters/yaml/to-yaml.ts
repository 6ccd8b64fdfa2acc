import { stringify } from "yaml";

/**
 * One YAML document for a person (a diff, a rendered file): no anchors, no line folding,
 * single quotes where quoting is needed, and strings YAML 1.1 readers (kubectl's yaml
 * library among them) would take for booleans or numbers (`yes`, `on`, `0777`) quoted.
 */
export function toYaml(value: unknown, options: { sortKeys?: boolean } = {}): string {
  return stringify(value, {
    sortMapEntries: options.sortKeys === true,
    aliasDuplicateObjects: false,
    lineWidth: 0,
    singleQuote: true,
    compat: "yaml-1.1",
  });
}
