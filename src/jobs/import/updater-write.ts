import { posix } from "node:path";
import type { ImportContext } from "./import-context.ts";
import type { UpdaterImage } from "./updater-image.ts";

type Obj = Record<string, unknown>;

/** The app an image is written into: its render and source, as import translated them. */
export interface UpdaterApp {
  readonly name: string;
  readonly source: { readonly repo: string; readonly path: string };
  readonly render: Obj;
}

/**
 * Where Image Updater's git write-back wrote the image, as a Sluice `write`: the kustomization's
 * images[] for a Kustomize app, the values file's keys for a Helm app. Its default file,
 * `.argocd-source-<app>.yaml`, is an Argo CD parameter override Sluice does not read, so the tag
 * goes where the app's own values are.
 */
export function updaterWrite(
  image: UpdaterImage,
  app: UpdaterApp,
  source: string,
  ctx: ImportContext,
): Obj | undefined {
  const field = `${image.alias}.write-back-target`;
  if (!image.method.startsWith("git")) {
    ctx.report.changed(
      source,
      `write-back-method ${image.method}: Image Updater set parameters through the Argo CD API; Sluice commits to git`,
      "write-back-method",
    );
  }
  if (image.branch)
    ctx.report.skipped(
      source,
      `git-branch ${image.branch}: Sluice writes to the app's branch (or a pull request)`,
      "git-branch",
    );
  const [kind, targetPath] = splitTarget(image.target);
  const resolved = (fallback: string): string =>
    posix.normalize(
      targetPath === undefined
        ? fallback
        : targetPath.startsWith("/")
          ? targetPath.slice(1)
          : posix.join(app.source.path, targetPath),
    );
  if (kind === "kustomization" || (kind === undefined && "kustomize" in app.render)) {
    const dir = resolved(app.source.path);
    const checkout = ctx.checkoutFor(app.source.repo);
    const file =
      ["kustomization.yaml", "kustomization.yml", "Kustomization"]
        .map((f) => posix.join(dir, f))
        .find((f) => checkout?.exists(f)) ?? posix.join(dir, "kustomization.yaml");
    return { file, kustomize: { name: image.kustomizeName ?? image.image } };
  }
  if (kind === "helmvalues" || (kind === undefined && "helm" in app.render)) {
    if (image.helm.spec) {
      ctx.report.skipped(
        source,
        `helm.image-spec ${image.helm.spec}: write the tag and name to separate keys (helm.image-tag, helm.image-name)`,
        `${image.alias}.helm.image-spec`,
      );
      return undefined;
    }
    const helm = (app.render["helm"] ?? {}) as Obj;
    const valueFiles = Array.isArray(helm["valueFiles"])
      ? helm["valueFiles"].map(String).filter((f) => !f.startsWith("$"))
      : [];
    const file = resolved(posix.join(app.source.path, valueFiles[0] ?? "values.yaml"));
    if (targetPath === undefined)
      ctx.report.changed(
        source,
        `Image Updater's .argocd-source-${app.name}.yaml override is not used: Sluice writes ${file}`,
        field,
      );
    return { file, tag: image.helm.tag ?? "image.tag", ...(image.helm.name ? { repository: image.helm.name } : {}) };
  }
  ctx.report.skipped(
    source,
    `image ${image.image}: Image Updater writes only Helm and Kustomize apps, and this one is a plain directory; add a write target by hand`,
    field,
  );
  return undefined;
}

function splitTarget(target: string | undefined): [string | undefined, string | undefined] {
  if (!target) return [undefined, undefined];
  const colon = target.indexOf(":");
  return colon === -1 ? [target, undefined] : [target.slice(0, colon), target.slice(colon + 1)];
}
