/**
 * The one module that edits YAML text. It locates scalars in the `yaml`
 * library's concrete syntax tree and replaces exactly their bytes, so
 * comments, anchors, blank lines, indentation, quoting, key order and CRLF
 * line endings all survive. Every edit is re-parsed and refused unless only
 * the intended values changed.
 */
import { isDeepStrictEqual } from "node:util";
import { CST, Parser, parseAllDocuments, parseDocument } from "yaml";
import type { Scalar } from "yaml";
import type { KeyPath } from "../../core/config/key-path.ts";

export type ScalarStyle = Scalar.Type;

/** A scalar found in a file: where its bytes are and what they mean. */
export interface ScalarLocation {
  /** Index of the document in a multi-document file. */
  readonly doc: number;
  readonly path: KeyPath;
  /** The scalar's string value (after unquoting). */
  readonly value: string;
  readonly style: ScalarStyle;
  /** Offset of the scalar's first character in the file. */
  readonly offset: number;
  /** The scalar's exact text in the file, quotes included. */
  readonly source: string;
  /** A comment on the same line after the value, without the `#`. */
  readonly comment?: string;
}

export interface ScalarEdit {
  readonly location: ScalarLocation;
  readonly value: string;
}

/** Why a YAML edit or look-up was refused; `path` says where. */
export class YamlEditError extends Error {
  override readonly name = "YamlEditError";
  readonly path: KeyPath | undefined;
  readonly reason: string;

  constructor(reason: string, options: { path?: KeyPath; cause?: unknown } = {}) {
    const where = options.path === undefined ? "" : `${describePath(options.path)}: `;
    super(`${where}${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.path = options.path;
    this.reason = reason;
  }
}

/** Find the scalar at `path` in document `doc`; throws when it is absent or not a plain value. */
export function findScalar(content: string, path: KeyPath, doc = 0): ScalarLocation {
  const found = findOptionalScalar(content, path, doc);
  if (found === undefined) throw new YamlEditError(KEY_NOT_FOUND, { path });
  return found;
}

/** Like `findScalar`, but `undefined` when only the last key of `path` is missing. */
export function findOptionalScalar(content: string, path: KeyPath, doc = 0): ScalarLocation | undefined {
  const target = descend(documentAt(parseFile(content), doc), path, true);
  return target === undefined ? undefined : toLocation(doc, path, target.token);
}

/** Every flow scalar (in every document) for which `match` returns true. */
export function findScalars(content: string, match: (scalar: ScalarLocation) => boolean): ScalarLocation[] {
  const found: ScalarLocation[] = [];
  parseFile(content).docs.forEach((document, doc) => {
    walk(document.value, [], false, (token, path) => {
      if (!isFlowScalar(token)) return;
      const location = toLocation(doc, path, token);
      if (match(location)) found.push(location);
    });
  });
  return found;
}

/**
 * Replace the located scalars' values, keeping every other byte. Values that
 * would re-parse as something other than a string are quoted (double quotes
 * when the old value was plain). Throws unless a re-parse shows exactly the
 * intended values changed. Returns `content` itself when nothing changes.
 */
export function replaceScalars(content: string, edits: readonly ScalarEdit[]): string {
  const file = parseFile(content, true);
  const splices: Splice[] = [];
  for (const edit of uniqueEdits(edits)) {
    const { location, value } = edit;
    assertSingleLine(value, location.path);
    const target = descend(documentAt(file, location.doc), location.path, false);
    if (target === undefined || target.token.offset !== location.offset || target.token.source !== location.source)
      throw new YamlEditError("the file changed since the value was located", { path: location.path });
    // A plain `1.10` already reads as the number 1.1, so it is re-written quoted even though its text is the same.
    const current = resolveScalar(target.token).value;
    if (current === value && (location.style !== "PLAIN" || plainReadsAsString(value, target.inFlow))) continue;
    assertNotShared(file.docs[location.doc], target, location.path);
    const oldSource = target.token.source;
    CST.setScalarValue(target.token, value, { inFlow: target.inFlow, type: styleFor(location, value, target.inFlow) });
    splices.push({ offset: target.token.offset, oldSource, newSource: target.token.source, edit });
  }
  if (splices.length === 0) return content;
  const output = file.tokens.map((token) => CST.stringify(token)).join("");
  if (output !== splice(content, splices))
    throw new YamlEditError("internal: re-serialising the syntax tree changed bytes outside the edited values");
  verifyReparse(content, output, splices.map((s) => s.edit));
  return output;
}

const KEY_NOT_FOUND = "key not found";

interface ParsedFile {
  readonly tokens: CST.Token[];
  readonly docs: CST.Document[];
}

interface Target {
  readonly token: CST.FlowScalar;
  readonly inFlow: boolean;
  /** Anchors on the value itself. */
  readonly ownAnchors: readonly string[];
  /** Anchors on the collections the path went through. */
  readonly enclosingAnchors: readonly string[];
}

interface Splice {
  readonly offset: number;
  readonly oldSource: string;
  readonly newSource: string;
  readonly edit: ScalarEdit;
}

interface Child {
  readonly segment: string | number;
  readonly value: CST.Token | undefined;
  /** Tokens between the key (or `-`) and the value: where the value's anchor and tag sit. */
  readonly props: readonly CST.SourceToken[];
  readonly inFlow: boolean;
}

/** The last file parsed for a look-up. Look-ups only read the tree, so a read-back of the same text can share it. */
let lastLookedUp: { readonly content: string; readonly file: ParsedFile } | undefined;

/** Parse for reading; `fresh` gives a tree of one's own to edit. */
function parseFile(content: string, fresh = false): ParsedFile {
  if (lastLookedUp?.content === content) return fresh ? tokenize(content) : lastLookedUp.file;
  for (const document of parseAllDocuments(content)) {
    const [error] = document.errors;
    if (error !== undefined) throw new YamlEditError(`the file does not parse as YAML: ${error.message}`, { cause: error });
  }
  const file = tokenize(content);
  if (fresh) return file;
  lastLookedUp = { content, file };
  return file;
}

function tokenize(content: string): ParsedFile {
  const tokens = Array.from(new Parser().parse(content));
  const docs = tokens.filter((token): token is CST.Document => token.type === "document");
  return { tokens, docs };
}

function documentAt(file: ParsedFile, doc: number): CST.Document {
  const document = file.docs[doc];
  if (document === undefined) throw new YamlEditError(`the file has no document ${doc} (it has ${file.docs.length})`);
  return document;
}

/** Follow `path` from the document root; `undefined` only if the last key is absent and `optional`. */
function descend(document: CST.Document, path: KeyPath, optional: boolean): Target | undefined {
  let token = document.value;
  let inFlow = false;
  let ownAnchors = anchorsIn(document.start);
  const enclosingAnchors: string[] = [];
  for (const [depth, segment] of path.entries()) {
    const here = path.slice(0, depth);
    if (token === undefined) throw new YamlEditError("is empty (null), not a map or sequence", { path: here });
    if (token.type === "alias") throw aliasError(token, here);
    if (!CST.isCollection(token)) throw new YamlEditError("is a scalar, not a map or sequence", { path: here });
    const child: Child | undefined = childrenOf(token, inFlow).find((c) => matches(c.segment, segment));
    if (child === undefined) {
      const reason = missingReason(token, inFlow);
      // Behind a merge key a missing key may be inherited, so it is not simply absent.
      if (optional && depth === path.length - 1 && reason === KEY_NOT_FOUND) return undefined;
      throw new YamlEditError(reason, { path: path.slice(0, depth + 1) });
    }
    enclosingAnchors.push(...ownAnchors);
    ownAnchors = anchorsIn(child.props);
    token = child.value;
    inFlow = child.inFlow;
  }
  if (token === undefined) throw new YamlEditError("has no value (null); there are no bytes to replace", { path });
  if (token.type === "alias") throw aliasError(token, path);
  if (token.type === "block-scalar") throw new YamlEditError("is a block scalar (| or >), which is not supported", { path });
  if (!isFlowScalar(token)) throw new YamlEditError(`is a ${kindOf(token)}, not a scalar`, { path });
  return { token, inFlow, ownAnchors, enclosingAnchors };
}

function childrenOf(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, inFlow: boolean): Child[] {
  const flow = inFlow || token.type === "flow-collection";
  if (isMapLike(token)) {
    return token.items.flatMap((item): Child[] => {
      const key = keyOf(item);
      return key === undefined ? [] : [{ segment: key, value: item.value, props: item.sep ?? [], inFlow: flow }];
    });
  }
  return token.items.map((item, index) => ({ segment: index, value: item.value, props: item.start, inFlow: flow }));
}

function walk(
  token: CST.Token | undefined,
  path: KeyPath,
  inFlow: boolean,
  visit: (token: CST.Token, path: KeyPath) => void,
): void {
  if (token === undefined) return;
  visit(token, path);
  if (!CST.isCollection(token)) return;
  for (const child of childrenOf(token, inFlow)) walk(child.value, [...path, child.segment], child.inFlow, visit);
}

function toLocation(doc: number, path: KeyPath, token: CST.FlowScalar): ScalarLocation {
  const { value, type } = resolveScalar(token);
  const comment = trailingComment(token);
  return {
    doc,
    path,
    value,
    style: type ?? "PLAIN",
    offset: token.offset,
    source: token.source,
    ...(comment === undefined ? {} : { comment }),
  };
}

function resolveScalar(token: CST.FlowScalar): { value: string; type: ScalarStyle | null } {
  return CST.resolveAsScalar(token);
}

function trailingComment(token: CST.FlowScalar): string | undefined {
  for (const part of token.end ?? []) {
    if (part.type === "newline") return undefined;
    if (part.type === "comment") return part.source.slice(1).trim();
  }
  return undefined;
}

function keyOf(item: CST.CollectionItem): string | undefined {
  const key = item.key;
  if (key === null || key === undefined || !CST.isScalar(key)) return undefined;
  return CST.resolveAsScalar(key).value;
}

function matches(segment: string | number, wanted: string | number): boolean {
  if (typeof segment === "string") return segment === String(wanted);
  return typeof wanted === "number" ? segment === wanted : /^\d+$/.test(wanted) && segment === Number(wanted);
}

function isMapLike(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection): boolean {
  return token.type === "block-map" || (token.type === "flow-collection" && token.start.source === "{");
}

function isFlowScalar(token: CST.Token): token is CST.FlowScalar {
  return token.type === "scalar" || token.type === "single-quoted-scalar" || token.type === "double-quoted-scalar";
}

function kindOf(token: CST.Token): string {
  if (CST.isCollection(token)) return isMapLike(token) ? "map" : "sequence";
  return token.type;
}

function missingReason(token: CST.BlockMap | CST.BlockSequence | CST.FlowCollection, inFlow: boolean): string {
  if (!isMapLike(token)) return `index not found (the sequence has ${token.items.length} items)`;
  const merges = childrenOf(token, inFlow).some((child) => child.segment === "<<");
  return merges
    ? `${KEY_NOT_FOUND}; the map has a merge key (<<), and values inherited through it cannot be edited in place`
    : KEY_NOT_FOUND;
}

function anchorsIn(tokens: readonly CST.SourceToken[]): string[] {
  return tokens.filter((t) => t.type === "anchor").map((t) => t.source.slice(1));
}

function aliasError(token: CST.FlowScalar, path: KeyPath): YamlEditError {
  return new YamlEditError(
    `is an alias (${token.source.trim()}); its value is shared with the anchor, so it is not edited here: edit the anchored value or replace the alias`,
    { path },
  );
}

/** Refuse when the edit would also change other places through an alias of an enclosing anchor. */
function assertNotShared(document: CST.Document | undefined, target: Target, path: KeyPath): void {
  if (document === undefined || target.ownAnchors.length + target.enclosingAnchors.length === 0) return;
  const aliased = new Set<string>();
  walkAll(document, (token) => {
    if (token.type === "alias") aliased.add(token.source.trim().slice(1));
  });
  const own = target.ownAnchors.find((anchor) => aliased.has(anchor));
  const enclosing = target.enclosingAnchors.find((anchor) => aliased.has(anchor));
  const shared = own ?? enclosing;
  if (shared === undefined) return;
  const where = own === undefined ? "sits under the anchor" : "carries the anchor";
  throw new YamlEditError(
    `${where} &${shared}, which an alias (*${shared}) reuses elsewhere; editing it would change those places too`,
    { path },
  );
}

function walkAll(document: CST.Document, visit: (token: CST.Token) => void): void {
  const visitItem = (item: CST.CollectionItem): void => {
    if (item.key) visitToken(item.key);
    if (item.value) visitToken(item.value);
  };
  const visitToken = (token: CST.Token): void => {
    visit(token);
    if (CST.isCollection(token)) token.items.forEach(visitItem);
  };
  if (document.value) visitToken(document.value);
}

function styleFor(location: ScalarLocation, value: string, inFlow: boolean): ScalarStyle {
  if (location.style === "QUOTE_DOUBLE" || location.style === "QUOTE_SINGLE") return location.style;
  return plainReadsAsString(value, inFlow) ? "PLAIN" : "QUOTE_DOUBLE";
}

/** True when `value` written plain re-parses as the same string under both YAML 1.2 and 1.1 (Helm, kubectl). */
function plainReadsAsString(value: string, inFlow: boolean): boolean {
  if (value === "") return false;
  return (["1.2", "1.1"] as const).every((version) => {
    const probe = parseDocument(inFlow ? `{k: ${value}}` : `k: ${value}`, { version });
    if (probe.errors.length > 0 || probe.warnings.length > 0) return false;
    const parsed: unknown = probe.toJS();
    return isRecord(parsed) && parsed.k === value;
  });
}

function assertSingleLine(value: string, path: KeyPath): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value))
    throw new YamlEditError("the new value contains a line break or control character", { path });
}

function uniqueEdits(edits: readonly ScalarEdit[]): ScalarEdit[] {
  const byOffset = new Map<string, ScalarEdit>();
  for (const edit of edits) {
    const key = `${edit.location.doc}:${edit.location.offset}`;
    const seen = byOffset.get(key);
    if (seen !== undefined && seen.value !== edit.value)
      throw new YamlEditError(`two different values were requested (${seen.value}, ${edit.value})`, {
        path: edit.location.path,
      });
    byOffset.set(key, edit);
  }
  return [...byOffset.values()];
}

function splice(content: string, splices: readonly Splice[]): string {
  let result = "";
  let cursor = 0;
  for (const s of [...splices].sort((a, b) => a.offset - b.offset)) {
    result += content.slice(cursor, s.offset) + s.newSource;
    cursor = s.offset + s.oldSource.length;
  }
  return result + content.slice(cursor);
}

/** Re-parse both versions: everything but the edited values must be equal, with no new warnings. */
function verifyReparse(before: string, after: string, edits: readonly ScalarEdit[]): void {
  const oldDocs = parseAllDocuments(before);
  const newDocs = parseAllDocuments(after);
  const [newError] = newDocs.flatMap((d) => d.errors);
  if (newError !== undefined)
    throw new YamlEditError(`refusing the edit: the result does not parse: ${newError.message}`, { cause: newError });
  const [newWarning] = newDocs.flatMap((d) => d.warnings).slice(oldDocs.flatMap((d) => d.warnings).length);
  if (newWarning !== undefined) {
    const [only, ...more] = edits;
    throw new YamlEditError(`refusing the edit: the result has a new YAML warning: ${newWarning.message}`, {
      cause: newWarning,
      ...(only !== undefined && more.length === 0 ? { path: only.location.path } : {}),
    });
  }
  if (oldDocs.length !== newDocs.length)
    throw new YamlEditError(`refusing the edit: the document count changed from ${oldDocs.length} to ${newDocs.length}`);
  newDocs.forEach((newDoc, doc) => {
    const oldDoc = oldDocs[doc];
    if (oldDoc === undefined) return;
    const expected = plainTree(toJS(oldDoc));
    for (const edit of edits.filter((e) => e.location.doc === doc)) setAt(expected, edit.location.path, edit.value);
    const actual = plainTree(toJS(newDoc));
    if (!isDeepStrictEqual(expected, actual)) {
      const where = firstDifference(expected, actual, []) ?? [];
      throw new YamlEditError(`refusing the edit: document ${doc} changed somewhere other than the intended value`, {
        path: where,
      });
    }
  });
}

function toJS(document: { toJS(): unknown }): unknown {
  try {
    return document.toJS();
  } catch (error) {
    throw new YamlEditError("the file cannot be resolved to plain data", { cause: error });
  }
}

/** A copy with no shared sub-trees (aliases resolve to shared objects in `toJS`). */
function plainTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plainTree);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainTree(v)]));
  return value;
}

function setAt(root: unknown, path: KeyPath, value: string): void {
  const parent = getAt(root, path.slice(0, -1));
  const last = path.at(-1);
  if (last === undefined) return;
  if (Array.isArray(parent)) parent[Number(last)] = value;
  else if (isRecord(parent)) parent[String(last)] = value;
}

function getAt(root: unknown, path: KeyPath): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node)) node = node[String(segment)];
    else return undefined;
  }
  return node;
}

function firstDifference(a: unknown, b: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (const [i, item] of a.entries()) {
      const found = firstDifference(item, b[i], [...path, i]);
      if (found) return found;
    }
  }
  if (isRecord(a) && isRecord(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[key], b[key], [...path, key]);
      if (found) return found;
    }
  }
  return path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describePath(path: KeyPath): string {
  if (path.length === 0) return "(document root)";
  return path
    .map((segment, i) => {
      if (typeof segment === "number") return `[${segment}]`;
      if (!/^[A-Za-z0-9_-]+$/.test(segment)) return `[${JSON.stringify(segment)}]`;
      return i === 0 ? segment : `.${segment}`;
    })
    .join("");
}
