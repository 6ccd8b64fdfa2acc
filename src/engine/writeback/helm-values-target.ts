import { findScalar, replaceScalars } from "../../adapters/yaml/cst-edit.ts";
import type { ScalarEdit } from "../../adapters/yaml/cst-edit.ts";
import { normalizeRepository } from "../../core/images/normalize-repository.ts";
import { parseKeyPath } from "../../core/config/parse-key-path.ts";
import { nextTagValue, readTagValue } from "./tag-value.ts";
import type { HelmWriteSpec } from "../../core/config/write-spec.ts";
import type { WriteTarget } from "./write-target.ts";

/**
 * Helm values: the tag at `spec.tag`; the digest at `spec.digest` (emptied
 * when no digest is known, so a stale digest never overrides the new tag) or
 * inline in the tag when the tag already carries one; the repository at
 * `spec.repository`, rewritten only when it names another repository.
 */
export const helmValuesTarget: WriteTarget<HelmWriteSpec> = {
  read(content, spec) {
    const doc = spec.document ?? 0;
    const current = readTagValue(findScalar(content, parseKeyPath(spec.tag), doc).value);
    if (spec.digest === undefined) return current;
    const digest = findScalar(content, parseKeyPath(spec.digest), doc).value;
    return { ...(current.tag === undefined ? {} : { tag: current.tag }), ...(digest === "" ? {} : { digest }) };
  },

  write(content, spec, image, next) {
    const doc = spec.document ?? 0;
    const tag = findScalar(content, parseKeyPath(spec.tag), doc);
    const edits: ScalarEdit[] = [{ location: tag, value: spec.digest === undefined ? nextTagValue(tag.value, next) : next.tag }];
    if (spec.digest !== undefined)
      edits.push({ location: findScalar(content, parseKeyPath(spec.digest), doc), value: next.digest ?? "" });
    if (spec.repository !== undefined) {
      const repository = findScalar(content, parseKeyPath(spec.repository), doc);
      if (!namesRepository(repository.value, image.repository))
        edits.push({ location: repository, value: image.repository });
    }
    return replaceScalars(content, edits);
  },
};

/** Charts often keep the registry in a key of its own, so `bitnami/nginx` also names `127.0.0.1:5000/bitnami/nginx`. */
function namesRepository(written: string, repository: string): boolean {
  return written !== "" && (normalizeRepository(written) === repository || repository.endsWith(`/${written}`));
}
