import { LineCounter, parseAllDocuments } from "yaml";
import { YamlSyntaxError } from "./yaml-syntax-error.ts";

/** One document of a YAML stream: its value and where its bytes are. */
export interface YamlDocument {
  readonly value: unknown;
  /** Offsets of the document's first byte, its content's first byte, and its end. */
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

// YAML 1.2's core schema whatever a `%YAML 1.1` directive says (`yes` stays a string, `0777` is
// decimal, `<<` is a plain key), tags outside it refused, and aliases unlimited: as Sluice read
// YAML before it had one library, so no config or manifest changes meaning.
const OPTIONS = { schema: "core", resolveKnownTags: false, maxAliasCount: -1, prettyErrors: false } as const;

/** Every document of `text`, in order. Throws `YamlSyntaxError` naming the line of the first problem. */
export function readYaml(text: string): YamlDocument[] {
  const lines = new LineCounter();
  const failure = (offset: number, message: string, document: readonly number[], cause: unknown): YamlSyntaxError => {
    const { line, col } = lines.linePos(offset);
    return new YamlSyntaxError(line, col, message, { document: [document[0] ?? 0, document[2] ?? 0], cause });
  };
  const out: YamlDocument[] = [];
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter: lines });
  if ("empty" in docs && docs.errors[0]) throw failure(docs.errors[0].pos[0], docs.errors[0].message, [0, 0, 0], docs.errors[0]);
  for (const doc of docs) {
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) throw failure(problem.pos[0], problem.message, doc.range, problem);
    const [start, , end] = doc.range;
    const contentStart = doc.contents?.range[0] ?? doc.range[1];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: -1 });
    } catch (error) {
      // An alias to an anchor not yet set: the one problem found only when building the value.
      throw failure(contentStart, error instanceof Error ? error.message : String(error), doc.range, error);
    }
    out.push({ value, start, contentStart, end, line: lines.linePos(start).line });
  }
  return out;
}
