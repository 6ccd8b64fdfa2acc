import * as z from "zod";
import { readYaml, type YamlDocument } from "../../core/util/read-yaml.ts";
import { YamlSyntaxError } from "../../core/util/yaml-syntax-error.ts";
import type { Manifest } from "./manifest.ts";

// A hook may have generateName instead of a name (Argo CD's idiom): the server names it on create,
// so its name stays empty until then.
const metadataSchema = z.object({ name: z.string().min(1).optional(), generateName: z.string().min(1).optional() }).loose()
  .refine((m) => m.name !== undefined || m.generateName !== undefined, { error: "expected a name, or a generateName the server names it from", path: ["name"] })
  .transform((m) => ({ ...m, name: m.name ?? "" }));

const manifestSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: metadataSchema,
}).loose();

/** A rendered document that is not YAML or not a Kubernetes object; the message names file and line. */
export class ManifestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManifestError";
  }
}

/** The template a `helm template` document came from (its `# Source:` comment). */
const templateOf = (body: string): string | undefined => /^# Source: (.+)$/m.exec(body)?.[1]?.trim();

/** Where a document starts for a reader: the line after its `---`, and its Helm template. */
function placeOf(text: string, doc: YamlDocument): { line: number; source?: string } {
  const source = templateOf(text.slice(doc.start, doc.end));
  const lineEnd = text.indexOf("\n", doc.contentStart);
  const head = text.slice(doc.start, lineEnd === -1 ? text.length : lineEnd).split("\n");
  const marker = head.findLastIndex((l) => /^---(\s|$)/.test(l));
  // Content on the marker's own line ("--- |") starts there; otherwise the next line does.
  const rest = head[marker]?.slice(3).trim() ?? "";
  const offset = marker === -1 ? 0 : marker + (rest !== "" && !rest.startsWith("#") ? 0 : 1);
  return { line: doc.line + offset, ...(source ? { source } : {}) };
}

/**
 * Parses multi-document YAML into objects: empty documents dropped, `List` kinds flattened.
 * Errors say `file:line`, and for Helm output the template the document came from.
 */
export function parseManifests(text: string, source: string): Manifest[] {
  const out: Manifest[] = [];
  let docs: YamlDocument[];
  try {
    docs = readYaml(text);
  } catch (error) {
    if (!(error instanceof YamlSyntaxError)) throw error;
    const template = error.document ? templateOf(text.slice(...error.document)) : undefined;
    throw new ManifestError(`${source}:${error.line}${template ? ` (${template})` : ""}: ${error.reason}`, { cause: error });
  }
  for (const doc of docs) {
    const place = placeOf(text, doc);
    const where = (line: number) => `${source}:${line}${place.source ? ` (${place.source})` : ""}`;
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
    visit(doc.value, where(place.line));
  }
  return out;
}

