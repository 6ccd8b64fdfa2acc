import { maxSatisfying, valid } from "semver";

/**
 * The highest of `versions` that `range` allows, as Helm picks: an exact version must be listed
 * as written; pre-releases only when the range names one. Tags that are not versions are ignored.
 */
export function pickVersion(range: string, versions: readonly string[]): string | undefined {
  const exact = valid(range);
  if (exact !== null) return versions.find((v) => valid(v) === exact);
  return maxSatisfying(versions.filter((v) => valid(v) !== null), range) ?? undefined;
}

/** OCI tags cannot hold `+`: Helm pushes build metadata as `_`. */
export const versionOfTag = (tag: string): string => tag.replaceAll("_", "+");
export const tagOfVersion = (version: string): string => version.replaceAll("+", "_");
