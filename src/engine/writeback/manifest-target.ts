import { findScalars, replaceScalars } from "../../adapters/yaml/cst-edit.ts";
import type { ScalarLocation } from "../../adapters/yaml/cst-edit.ts";
import type { KeyPath } from "../../core/config/key-path.ts";
import { formatImageRef, parseImageRef, type ImageRef } from "../../core/images/image-ref.ts";
import { WriteBackError } from "./write-back-error.ts";
import type { ManifestWriteSpec } from "../../core/config/write-spec.ts";
import type { WriteTarget } from "./write-target.ts";

const CONTAINER_LISTS: ReadonlySet<string> = new Set(["containers", "initContainers"]);

/**
 * Plain manifests: every `containers[].image` and `initContainers[].image`,
 * at any depth and in every document, whose repository is the image's. Each
 * keeps its repository spelling (`nginx` stays `nginx`) and gets
 * `:tag`, plus `@digest` when one is known.
 */
export const manifestTarget: WriteTarget<ManifestWriteSpec> = {
  read(content, spec, image) {
    const [first] = containerImages(content, image);
    if (first === undefined) throw notFound(spec, image);
    const { tag, digest } = first.reference;
    return { ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
  },

  write(content, spec, image, next) {
    const found = containerImages(content, image);
    if (found.length === 0) throw notFound(spec, image);
    return replaceScalars(
      content,
      found.map(({ location, reference }) => ({
        location,
        value: formatImageRef(reference.name, next.tag, next.digest),
      })),
    );
  },
};

interface ContainerImage {
  readonly location: ScalarLocation;
  readonly reference: ImageRef & { readonly name: string };
}

function containerImages(content: string, image: ImageRef): ContainerImage[] {
  return findScalars(content, (s) => isContainerImage(s.path)).flatMap((location) => {
    const reference = parseImageRef(location.value);
    return reference?.repository === image.repository ? [{ location, reference }] : [];
  });
}

function isContainerImage(path: KeyPath): boolean {
  const [list, index, key] = path.slice(-3);
  return key === "image" && typeof index === "number" && typeof list === "string" && CONTAINER_LISTS.has(list);
}

function notFound(spec: ManifestWriteSpec, image: ImageRef): WriteBackError {
  return new WriteBackError({
    file: spec.file,
    reason: `no containers[].image or initContainers[].image names ${image.repository}`,
  });
}
