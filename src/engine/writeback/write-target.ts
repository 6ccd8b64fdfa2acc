import type { ImageRef } from "../../core/images/image-ref.ts";

/** What a file currently says about the image. */
export interface CurrentImage {
  readonly tag?: string;
  readonly digest?: string;
}

/** The tag (and digest, when known) to write. */
export interface NextImage {
  readonly tag: string;
  readonly digest?: string;
  /**
   * The digest must end up in the file (the policy pins digests): a tag value with no
   * digest field beside it gets `tag@digest`, and a target with no room for one refuses.
   */
  readonly pin?: boolean;
}

/**
 * One kind of file Sluice can write an image into (Helm values, a
 * kustomization, plain manifests, setter-marked lines). Both methods take the
 * whole file text and never touch the file system; `write` returns the new
 * text, identical to `content` when nothing needs to change.
 */
export interface WriteTarget<Spec> {
  // `image.repository` is normalised (`docker.io/library/nginx`), as config and jobs spell it.
  read(content: string, spec: Spec, image: ImageRef): CurrentImage;
  write(content: string, spec: Spec, image: ImageRef, next: NextImage): string;
}
