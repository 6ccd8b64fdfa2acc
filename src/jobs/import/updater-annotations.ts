import { splitImageConstraint, type UpdaterImage } from "./updater-image.ts";

const PREFIX = "argocd-image-updater.argoproj.io/";

/**
 * The images an Application's Image Updater annotations track: `image-list` entries
 * (`[alias=]image[:constraint]`, comma-separated) and each alias's `<alias>.<setting>`.
 */
export function updaterAnnotations(annotations: Readonly<Record<string, string>>): UpdaterImage[] {
  const get = (key: string): string | undefined => annotations[`${PREFIX}${key}`]?.trim() || undefined;
  const list = get("image-list");
  if (!list) return [];
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const eq = entry.indexOf("=");
      const alias = eq === -1 ? "" : entry.slice(0, eq).trim();
      const { image, constraint } = splitImageConstraint(eq === -1 ? entry : entry.slice(eq + 1));
      const of = (setting: string): string | undefined => (alias ? get(`${alias}.${setting}`) : undefined);
      return {
        alias: alias || image,
        image,
        constraint,
        strategy: of("update-strategy") ?? "semver",
        allowTags: of("allow-tags"),
        ignoreTags: (of("ignore-tags") ?? "")
          .split(",")
          .map((t) => t.trim())
          .filter(Boolean),
        helm: { name: of("helm.image-name"), tag: of("helm.image-tag"), spec: of("helm.image-spec") },
        kustomizeName: of("kustomize.image-name"),
        method: get("write-back-method") ?? "argocd",
        target: get("write-back-target"),
        branch: get("git-branch"),
        unsupported: ["platforms", "pull-secret", "force-update"].filter((s) => of(s) !== undefined),
      };
    });
}
