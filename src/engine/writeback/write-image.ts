import { DIGEST_PATTERN } from "../../core/images/digest.ts";
import { TAG_PATTERN } from "../../core/images/image-ref.ts";
import { WriteBackError } from "./write-back-error.ts";
import { writeTargetFor } from "./write-target-for.ts";
import type { WriteSpec } from "../../core/config/write-spec.ts";
import type { CurrentImage, NextImage } from "./write-target.ts";
import type { ImageRef } from "../../core/images/image-ref.ts";

export interface WriteResult {
  /** The new file text; the very same string when nothing changed. */
  readonly content: string;
  readonly changed: boolean;
  /** What the file said before. */
  readonly old: CurrentImage;
}

/** What the file named by `spec` currently says about `image`. Throws `WriteBackError`. */
export function readImage(content: string, spec: WriteSpec, image: ImageRef): CurrentImage {
  return writeTargetFor(spec).read(content, image);
}

/**
 * Write `next` into the file named by `spec`, changing only the bytes of the
 * values involved. Throws `WriteBackError` and writes nothing when the
 * target cannot be edited safely.
 */
export function writeImage(content: string, spec: WriteSpec, image: ImageRef, next: NextImage): WriteResult {
  if (!TAG_PATTERN.test(next.tag))
    throw new WriteBackError({ file: spec.file, reason: `${JSON.stringify(next.tag)} is not a valid image tag` });
  if (next.digest !== undefined && !DIGEST_PATTERN.test(next.digest))
    throw new WriteBackError({ file: spec.file, reason: `${JSON.stringify(next.digest)} is not a valid digest` });
  if (next.pin === true && next.digest === undefined)
    throw new WriteBackError({ file: spec.file, reason: `the policy pins digests, and no digest is known for tag ${next.tag}` });
  const target = writeTargetFor(spec);
  const old = target.read(content, image);
  const updated = target.write(content, image, next);
  return { content: updated, changed: updated !== content, old };
}
