import semver from "semver";
import type { TagPolicy } from "./tag-policy.ts";

export interface SemverPolicy {
  semver: string;
  prerelease: boolean;
}

/** Why a tag is refused by the policy, or undefined when it is allowed. */
export function semverRefusal(tag: string, policy: SemverPolicy): string | undefined {
  const version = semver.valid(tag);
  if (!version) return `tag ${tag} is not a semantic version`;
  if (!semver.validRange(policy.semver)) return `policy range "${policy.semver}" is not a valid semver range`;
  if (!semver.satisfies(version, policy.semver, { includePrerelease: policy.prerelease })) {
    return `tag ${tag} is outside the policy range "${policy.semver}"${semver.prerelease(version) && !policy.prerelease ? " (prereleases are off)" : ""}`;
  }
  return undefined;
}

/** True when `candidate` is a lower version than `current`: moving to it would be a downgrade. */
export function isDowngrade(current: string, candidate: string): boolean {
  const a = semver.valid(current);
  const b = semver.valid(candidate);
  return a !== null && b !== null && semver.lt(b, a);
}

/** Tags that are semantic versions inside a range, newest version first. */
export function semverTagPolicy(policy: SemverPolicy): TagPolicy {
  return {
    description: `semver "${policy.semver}"${policy.prerelease ? " with prereleases" : ""}`,
    refusal: (tag) => semverRefusal(tag, policy),
    compare: (a, b) => {
      const x = semver.valid(a);
      const y = semver.valid(b);
      return Promise.resolve(x === null || y === null ? undefined : semver.compare(x, y));
    },
    candidates: (tags) => ({ tags }),
  };
}
