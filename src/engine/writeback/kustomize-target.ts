import { findOptionalScalar, findScalars, replaceScalars } from "../../adapters/yaml/cst-edit.ts";
import type { ScalarEdit, ScalarLocation } from "../../adapters/yaml/cst-edit.ts";
import { normalizeRepository } from "../../core/images/normalize-repository.ts";
import { WriteBackError } from "./write-back-error.ts";
import type { KustomizeWriteSpec } from "../../core/config/write-spec.ts";
import type { WriteTarget } from "./write-target.ts";

/**
 * A kustomization's `images:` entry whose `name` is `spec.kustomize.name`:
 * `newTag` gets the tag, `digest` (when the entry has one) the digest or ""
 * when none is known, and `newName` (when present) the image's repository if
 * it names another one. Keys are never added.
 */
export const kustomizeTarget: WriteTarget<KustomizeWriteSpec> = {
  read(content, spec) {
    const { newTag, digest } = entryFields(content, spec);
    return {
      ...(newTag === undefined || newTag.value === "" ? {} : { tag: newTag.value }),
      ...(digest === undefined || digest.value === "" ? {} : { digest: digest.value }),
    };
  },

  write(content, spec, image, next) {
    const { index, newTag, newName, digest } = entryFields(content, spec);
    const where = `images[${index}]`;
    if (newTag === undefined && digest === undefined)
      throw new WriteBackError({ file: spec.file, keyPath: where, reason: "the entry has neither newTag nor digest to replace; add newTag with the current tag" });
    if (newTag === undefined && next.digest === undefined)
      throw new WriteBackError({ file: spec.file, keyPath: where, reason: `the entry pins a digest only, and no digest is known for tag ${next.tag}` });
    if (next.pin === true && digest === undefined)
      throw new WriteBackError({ file: spec.file, keyPath: where, reason: 'the policy pins digests, and the entry has no digest: key to hold one; add digest: ""' });
    const edits: ScalarEdit[] = [];
    if (newTag !== undefined) edits.push({ location: newTag, value: next.tag });
    if (digest !== undefined) edits.push({ location: digest, value: next.digest ?? "" });
    if (newName !== undefined && normalizeRepository(newName.value) !== image.repository)
      edits.push({ location: newName, value: image.repository });
    return replaceScalars(content, edits);
  },
};

interface EntryFields {
  readonly index: number;
  readonly newTag: ScalarLocation | undefined;
  readonly newName: ScalarLocation | undefined;
  readonly digest: ScalarLocation | undefined;
}

function entryFields(content: string, spec: KustomizeWriteSpec): EntryFields {
  const doc = spec.document ?? 0;
  const { name } = spec.kustomize;
  const indexes = findScalars(
    content,
    (s) => s.doc === doc && s.path.length === 3 && s.path[0] === "images" && s.path[2] === "name" && s.value === name,
  ).flatMap((s) => (typeof s.path[1] === "number" ? [s.path[1]] : []));
  const [index, ...others] = indexes;
  if (index === undefined)
    throw new WriteBackError({ file: spec.file, keyPath: "images", reason: `no entry has name: ${name}` });
  if (others.length > 0)
    throw new WriteBackError({ file: spec.file, keyPath: "images", reason: `${indexes.length} entries have name: ${name}` });
  const field = (key: string): ScalarLocation | undefined => findOptionalScalar(content, ["images", index, key], doc);
  return { index, newTag: field("newTag"), newName: field("newName"), digest: field("digest") };
}
