import { loadAll, YAMLException } from "js-yaml";
import * as z from "zod";
import type { Manifest } from "./manifest.ts";

const manifestSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.object({ name: z.string().min(1) }).loose(),
}).loose();

/** A rendered document that is not YAML or not a Kubernetes object; the message names file and line. */
export class ManifestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManifestError";
  }
}

interface Document {
  text: string;
  /** 1-based line of the document's first line in the whole text. */
  line: number;
  /** The template a `helm template` document came from (its `# Source:` comment). */
  source?: string;
}

/** Splits a multi-document stream at `---` lines, keeping where each document starts. */
function splitDocuments(text: string): Document[] {
  const docs: Document[] = [];
  let current: string[] = [];
  let start = 1;
  const lines = text.split(/\r?\n/);
  const flush = (nextStart: number) => {
    const body = current.join("\n");
    const source = /^# Source: (.+)$/m.exec(body)?.[1]?.trim();
    docs.push({ text: body, line: start, ...(source ? { source } : {}) });
    current = [];
    start = nextStart;
  };
  lines.forEach((line, i) => {
    if (/^---(\s|$)/.test(line)) {
      flush(i + 2);
      // Content after the marker on the same line ("--- |") belongs to the next document.
      const rest = line.slice(3).trim();
      if (rest && !rest.startsWith("#")) { current.push(rest); start = i + 1; }
    } else if (/^\.\.\.\s*$/.test(line)) {
      flush(i + 2);
    } else {
      current.push(line);
    }
  });
  flush(lines.length + 1);
  return docs;
}

/**
 * Parses multi-document YAML into objects: empty documents dropped, `List` kinds flattened.
 * Errors say `file:line`, and for Helm output the template the document came from.
 */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  for (const doc of splitDocuments(text)) {
    const where = (line: number) => `${source}:${line}${doc.source ? ` (${doc.source})` : ""}`;
    let values: unknown[];
    try {
      // loadAll, not load: a document of only comments is no document, not an error.
      values = loadAll(doc.text);
    } catch (error) {
      if (error instanceof YAMLException) {
        throw new ManifestError(`${where(doc.line + (error.mark?.line ?? 0))}: ${error.reason}`, { cause: error });
      }
      throw error;
    }
    const visit = (item: unknown, label: string): void => {
      if (item === null || item === undefined) return;
      if (typeof item === "object" && !Array.isArray(item) && "kind" in item && typeof item.kind === "string" && item.kind.endsWith("List") && "items" in item && Array.isArray(item.items)) {
        item.items.forEach((child, i) => visit(child, `${label} items[${i}]`));
        return;
      }
      const parsed = manifestSchema.safeParse(item);
      if (!parsed.success) {
        throw new ManifestError(`${label}: not a Kubernetes object (${parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`).join("; ")})`);
      }
      out.push(parsed.data as Manifest);
    };
    for (const value of values) visit(value, where(doc.line));
  }
  return out;
}
