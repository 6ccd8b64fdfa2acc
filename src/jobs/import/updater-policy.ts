import type { ImportContext } from "./import-context.ts";
import type { UpdaterImage } from "./updater-image.ts";

const ANY = "^.*$";

/** An Image Updater update strategy, constraint and tag filters as a Sluice `policy`. */
export function updaterPolicy(
  image: UpdaterImage,
  source: string,
  ctx: ImportContext,
): Record<string, unknown> | undefined {
  const allow = image.allowTags?.startsWith("regexp:") ? image.allowTags.slice("regexp:".length) : undefined;
  if (image.allowTags !== undefined && allow === undefined && image.allowTags !== "any") {
    ctx.report.skipped(
      source,
      `allow-tags ${image.allowTags}: only regexp:<pattern> and any are known`,
      `${image.alias}.allow-tags`,
    );
  }
  const common = image.ignoreTags.length ? { ignore: [...image.ignoreTags] } : {};
  switch (image.strategy) {
    case "semver":
      // Image Updater reads tags with Masterminds/semver, which takes v2.0 as 2.0.0.
      return { semver: image.constraint ?? "*", partialVersions: true, ...(allow ? { regex: allow } : {}), ...common };
    case "latest":
    case "newest-build":
      return { newestPushed: { match: allow ?? ANY }, ...common };
    case "name":
    case "alphabetical":
      return { regex: allow ?? ANY, order: "alphabetical", ...common };
    case "digest":
      if (!image.constraint) {
        ctx.report.skipped(source, "digest strategy without a tag to follow", `${image.alias}.update-strategy`);
        return undefined;
      }
      ctx.report.changed(
        source,
        `digest strategy: Sluice follows tag ${image.constraint} and pins its digest (pinDigest)`,
        `${image.alias}.update-strategy`,
      );
      return { regex: `^${image.constraint.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, pinDigest: true, ...common };
    default:
      ctx.report.skipped(source, `update strategy ${image.strategy} is not known`, `${image.alias}.update-strategy`);
      return undefined;
  }
}
