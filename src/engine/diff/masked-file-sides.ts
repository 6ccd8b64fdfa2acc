import { parseAllDocuments } from "yaml";
import { toYaml } from "../../adapters/yaml/to-yaml.ts";
import { isSecret, maskSecretData } from "./mask-secret-data.ts";

type Doc = Record<string, unknown>;

const isDoc = (value: unknown): value is Doc => typeof value === "object" && value !== null && !Array.isArray(value);
const keyOf = (doc: Doc): string => {
  const meta = isDoc(doc["metadata"]) ? doc["metadata"] : {};
  return `${String(doc["kind"])}/${String(meta["namespace"] ?? "")}/${String(meta["name"] ?? "")}`;
};

/**
 * Both texts of a rendered file's diff with every Secret value masked (see maskSecretData), Secrets
 * paired by kind, namespace and name. A file that cannot be read as YAML is not shown at all, since
 * Sluice cannot tell what in it is secret.
 */
export function maskedFileSides(before: string, after: readonly Doc[]): { before: string; after: string } {
  const parsed = parseAllDocuments(before);
  const docs = Array.isArray(parsed) ? parsed : [parsed];
  const readable = docs.every((d) => d.errors.length === 0);
  const old: Doc[] = readable ? docs.map((d) => d.toJS() as unknown).filter(isDoc) : [];
  const oldSecrets = new Map(old.filter((d) => isSecret(d)).map((d) => [keyOf(d), d]));
  const newSecrets = new Map(after.filter((d) => isSecret(d)).map((d) => [keyOf(d), d]));
  const maskedOld = new Map<string, Doc | undefined>();
  const maskedNew = new Map<string, Doc | undefined>();
  for (const key of new Set([...oldSecrets.keys(), ...newSecrets.keys()])) {
    const masked = maskSecretData(oldSecrets.get(key), newSecrets.get(key));
    maskedOld.set(key, masked.before);
    maskedNew.set(key, masked.after);
  }
  const text = (list: readonly Doc[], masked: Map<string, Doc | undefined>) =>
    list.map((d) => toYaml((isSecret(d) ? masked.get(keyOf(d)) : undefined) ?? d)).join("---\n");
  const beforeText = before === "" ? "" : readable ? text(old, maskedOld) : "# (this file is not YAML Sluice can read: not shown)\n";
  return { before: beforeText, after: text(after, maskedNew) };
}
