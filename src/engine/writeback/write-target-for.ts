import { YamlEditError } from "../../adapters/yaml/cst-edit.ts";
import { formatKeyPath } from "../../core/config/format-key-path.ts";
import { helmValuesTarget } from "./helm-values-target.ts";
import { kustomizeTarget } from "./kustomize-target.ts";
import { manifestTarget } from "./manifest-target.ts";
import { setterTarget } from "./setter-target.ts";
import { WriteBackError } from "./write-back-error.ts";
import type { HelmWriteSpec, KustomizeWriteSpec, ManifestWriteSpec, SetterWriteSpec, WriteSpec } from "../../core/config/write-spec.ts";
import type { CurrentImage, NextImage, WriteTarget } from "./write-target.ts";
import type { ImageRef } from "../../core/images/image-ref.ts";

interface SpecByKind {
  helm: HelmWriteSpec;
  kustomize: KustomizeWriteSpec;
  manifest: ManifestWriteSpec;
  setter: SetterWriteSpec;
}

export type WriteTargetKind = keyof SpecByKind;

/** Every kind of file Sluice writes images into. */
export const writeTargets: { readonly [K in WriteTargetKind]: WriteTarget<SpecByKind[K]> } = {
  helm: helmValuesTarget,
  kustomize: kustomizeTarget,
  manifest: manifestTarget,
  setter: setterTarget,
};

/** A write target bound to one spec; its errors are all `WriteBackError`s naming the file. */
export interface BoundWriteTarget {
  readonly kind: WriteTargetKind;
  read(content: string, image: ImageRef): CurrentImage;
  write(content: string, image: ImageRef, next: NextImage): string;
}

/** Pick the target for `spec` by its shape. */
export function writeTargetFor(spec: WriteSpec): BoundWriteTarget {
  if ("kustomize" in spec) return bind("kustomize", spec);
  if ("manifest" in spec) return bind("manifest", spec);
  if ("setter" in spec) return bind("setter", spec);
  return bind("helm", spec);
}

function bind<K extends WriteTargetKind>(kind: K, spec: SpecByKind[K]): BoundWriteTarget {
  const target: WriteTarget<SpecByKind[K]> = writeTargets[kind];
  const guarded = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      throw asWriteBackError(error, spec.file);
    }
  };
  return {
    kind,
    read: (content, image) => guarded(() => target.read(content, spec, image)),
    write: (content, image, next) => guarded(() => target.write(content, spec, image, next)),
  };
}

function asWriteBackError(error: unknown, file: string): unknown {
  if (error instanceof WriteBackError) return error;
  if (error instanceof YamlEditError) {
    const keyPath = error.path === undefined ? undefined : formatKeyPath(error.path);
    return new WriteBackError({ file, keyPath, reason: error.reason, cause: error });
  }
  if (error instanceof SyntaxError) return new WriteBackError({ file, reason: error.message, cause: error });
  return error;
}
