import semver from "semver";

// Masterminds/semver's loose version, as Argo CD Image Updater parses tags: v2.0 and 3 are versions.
const PARTIAL = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/;

/**
 * The semantic version a tag names, or undefined. `v1.2.3` counts, as in Flux; with
 * `partial`, so do `v2.0` (2.0.0) and `3` (3.0.0), as in Image Updater.
 */
export function tagVersion(tag: string, partial = false): string | undefined {
  const strict = semver.valid(tag);
  if (strict !== null) return strict;
  if (!partial) return undefined;
  const parts = PARTIAL.exec(tag);
  if (!parts) return undefined;
  const [, major, minor = "0", patch = "0", rest = ""] = parts;
  return semver.valid(`${Number(major)}.${Number(minor)}.${Number(patch)}${rest}`) ?? undefined;
}
