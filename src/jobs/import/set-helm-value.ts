/**
 * Sets a `--set` style dotted name (`image.tag`, `a\.b.c`) in a values object, as Helm reads an
 * Argo CD helm parameter. False when the name uses list indexes, which import does not write.
 */
export function setHelmValue(values: Record<string, unknown>, name: string, value: unknown): boolean {
  if (/\[\d+\]/.test(name)) return false;
  const keys = name.split(/(?<!\\)\./).map((k) => k.replace(/\\\./g, "."));
  let node = values;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== "object" || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1] ?? name] = value;
  return true;
}
