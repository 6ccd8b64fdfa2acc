import { loadAll } from "js-yaml";
import { z } from "zod";
import type { Manifest } from "./manifest.ts";

const manifestSchema = z.object({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: z.object({ name: z.string().min(1) }).loose(),
}).loose();

/** A rendered document that is not a Kubernetes object. */
export class ManifestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ManifestError";
  }
}

/** Parses multi-document YAML into objects: empty documents dropped, `List` kinds flattened. */
export function parseManifests(text: string, source: string): Manifest[] {
  let docs: unknown[];
  try {
    docs = loadAll(text, null, { filename: source });
  } catch (error) {
    throw new ManifestError(`${source}: ${(error as Error).message}`, { cause: error });
  }
  const out: Manifest[] = [];
  const visit = (doc: unknown, where: string): void => {
    if (doc === null || doc === undefined) return;
    if (typeof doc === "object" && !Array.isArray(doc) && "kind" in doc && typeof doc.kind === "string" && doc.kind.endsWith("List") && "items" in doc && Array.isArray(doc.items)) {
      doc.items.forEach((item, i) => visit(item, `${where} items[${i}]`));
      return;
    }
    const parsed = manifestSchema.safeParse(doc);
    if (!parsed.success) {
      throw new ManifestError(`${where}: not a Kubernetes object (${parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"}: ${i.message}`).join("; ")})`);
    }
    out.push(parsed.data as Manifest);
  };
  docs.forEach((doc, i) => visit(doc, `${source} document ${i + 1}`));
  return out;
}
