import { pointerTokens } from "./json-pointer.ts";

/** One step into an object: a field (or array index, for JSON pointers), a list entry by its key fields, or a set entry by value. */
export type PathStep = { field: string } | { key: Record<string, unknown> } | { value: unknown };
export type FieldPath = PathStep[];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A JSON pointer as a path. */
export const pointerPath = (pointer: string): FieldPath => pointerTokens(pointer).map((field) => ({ field }));

/**
 * The leaf paths of a managedFields `fieldsV1` set: the fields a manager owns, without the
 * containers that merely hold them (removing a container would take other managers' fields too).
 */
export function fieldsV1Leaves(fields: unknown, prefix: FieldPath = []): FieldPath[] {
  if (!isObj(fields)) return [];
  const out: FieldPath[] = [];
  for (const [k, sub] of Object.entries(fields)) {
    if (k === ".") continue;
    let stepOf: PathStep;
    if (k.startsWith("f:")) stepOf = { field: k.slice(2) };
    else if (k.startsWith("k:")) stepOf = { key: JSON.parse(k.slice(2)) as Obj };
    else if (k.startsWith("v:")) stepOf = { value: JSON.parse(k.slice(2)) as unknown };
    else if (k.startsWith("i:")) stepOf = { field: k.slice(2) };
    else continue;
    const path = [...prefix, stepOf];
    const children = isObj(sub) ? Object.keys(sub).filter((c) => c !== ".") : [];
    if (children.length === 0) out.push(path);
    else out.push(...fieldsV1Leaves(sub, path));
  }
  return out;
}

const matchesKey = (item: unknown, key: Obj): boolean => isObj(item) && Object.entries(key).every(([k, v]) => JSON.stringify(item[k]) === JSON.stringify(v));

/** Index of the step's target within a container, or the field name; undefined when absent. */
function locate(container: unknown, s: PathStep): { list: unknown[]; index: number } | { obj: Obj; field: string } | undefined {
  if (Array.isArray(container)) {
    let index = -1;
    if ("key" in s) index = container.findIndex((item) => matchesKey(item, s.key));
    else if ("value" in s) index = container.findIndex((item) => JSON.stringify(item) === JSON.stringify(s.value));
    else if (/^\d+$/.test(s.field)) index = Number(s.field);
    return index >= 0 && index < container.length ? { list: container, index } : undefined;
  }
  if (isObj(container) && "field" in s && s.field in container) return { obj: container, field: s.field };
  return undefined;
}

function parentOf(root: unknown, path: FieldPath): unknown {
  let cur = root;
  for (const s of path.slice(0, -1)) {
    const at = locate(cur, s);
    if (!at) return undefined;
    cur = "list" in at ? at.list[at.index] : at.obj[at.field];
  }
  return cur;
}

/** The value at a path, or undefined. */
export function getPath(root: unknown, path: FieldPath): unknown {
  const last = path.at(-1);
  if (!last) return root;
  const at = locate(parentOf(root, path), last);
  if (!at) return undefined;
  return "list" in at ? at.list[at.index] : at.obj[at.field];
}

/** Removes the value at a path in place; no-op when absent. */
export function removePath(root: unknown, path: FieldPath): void {
  const last = path.at(-1);
  if (!last) return;
  const at = locate(parentOf(root, path), last);
  if (!at) return;
  if ("list" in at) at.list.splice(at.index, 1);
  else delete at.obj[at.field];
}

/** Sets a value at a path in place when the parent exists (list entries are found by key); returns whether it did. */
export function setPath(root: unknown, path: FieldPath, value: unknown): boolean {
  const last = path.at(-1);
  if (!last) return false;
  const parent = parentOf(root, path);
  const at = locate(parent, last);
  if (at) {
    if ("list" in at) at.list[at.index] = value;
    else at.obj[at.field] = value;
    return true;
  }
  if (isObj(parent) && "field" in last) {
    parent[last.field] = value;
    return true;
  }
  return false;
}
