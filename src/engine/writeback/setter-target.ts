import { findScalars, replaceScalars } from "../../adapters/yaml/cst-edit.ts";
import type { ScalarEdit, ScalarLocation } from "../../adapters/yaml/cst-edit.ts";
import { normalizeRepository } from "../../core/images/normalize-repository.ts";
import { formatImageRef, parseImageRef, type ImageRef } from "../../core/images/image-ref.ts";
import { parseSetterMarker } from "./setter-marker.ts";
import type { SetterField } from "./setter-marker.ts";
import { nextTagValue, readTagValue } from "./tag-value.ts";
import { WriteBackError } from "./write-back-error.ts";
import type { SetterWriteSpec } from "../../core/config/write-spec.ts";
import type { CurrentImage, NextImage, WriteTarget } from "./write-target.ts";

/**
 * Values marked with a trailing `# {"sluice": "<app>:<image>"}` or Flux's
 * `# {"$imagepolicy": "<ns>:<policy>"}` comment, anywhere in the file. No
 * suffix: the value is a whole image reference; `:tag`, `:name`, `:digest`:
 * just that part, as in Flux's image automation.
 */
export const setterTarget: WriteTarget<SetterWriteSpec> = {
  read(content, spec) {
    return markedValues(content, spec).reduce<CurrentImage>(
      (current, marked) => ({ ...readPart(spec, marked), ...current }),
      {},
    );
  },

  write(content, spec, image, next) {
    const marked = markedValues(content, spec);
    // A pinned digest goes into the `:digest` value when there is one, not inline into the tag.
    const tagNext = marked.some((m) => m.field === "digest") ? { ...next, pin: false } : next;
    const edits: ScalarEdit[] = marked.map((value) => ({
      location: value.location,
      value: nextPart(spec, value, image, value.field === "tag" ? tagNext : next),
    }));
    return replaceScalars(content, edits);
  },
};

interface MarkedValue {
  readonly location: ScalarLocation;
  readonly field: SetterField;
}

function markedValues(content: string, spec: SetterWriteSpec): MarkedValue[] {
  const marked = findScalars(content, (s) => s.comment !== undefined).flatMap((location) => {
    const marker = location.comment === undefined ? undefined : parseSetterMarker(location.comment);
    return marker?.setter === spec.setter ? [{ location, field: marker.field }] : [];
  });
  if (marked.length === 0)
    throw new WriteBackError({
      file: spec.file,
      reason: `no value is marked # {"sluice": "${spec.setter}"} or # {"$imagepolicy": "${spec.setter}"}`,
    });
  return marked;
}

function readPart(spec: SetterWriteSpec, { location, field }: MarkedValue): CurrentImage {
  const value = location.value;
  switch (field) {
    case "image": {
      const { tag, digest } = imageReference(spec, location);
      return { ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
    }
    case "tag":
      return readTagValue(value);
    case "digest":
      return value === "" ? {} : { digest: value };
    case "name":
      return {};
  }
}

function nextPart(spec: SetterWriteSpec, { location, field }: MarkedValue, image: ImageRef, next: NextImage): string {
  const value = location.value;
  switch (field) {
    case "image": {
      const { name } = imageReference(spec, location);
      return formatImageRef(keepName(name, image), next.tag, next.digest);
    }
    case "tag":
      return nextTagValue(value, next);
    case "digest":
      return next.digest ?? "";
    case "name":
      return keepName(value, image);
  }
}

/** Keep the file's spelling of the repository when it names the same one. */
function keepName(written: string, image: ImageRef): string {
  return normalizeRepository(written) === image.repository ? written : image.repository;
}

function imageReference(spec: SetterWriteSpec, location: ScalarLocation): ImageRef & { readonly name: string } {
  const reference = parseImageRef(location.value);
  if (reference === undefined)
    throw new WriteBackError({
      file: spec.file,
      reason: `the value ${JSON.stringify(location.value)} marked for ${spec.setter} is not an image reference`,
    });
  return reference;
}
