import semver from "semver";
import { expandTemplate } from "../../core/config/expand-template.ts";
import { fluxRegex } from "../../core/config/flux-regex.ts";
import { semverRange } from "../../core/config/semver-range.ts";
import { tagVersion } from "../../core/config/tag-version.ts";
import type { TagPolicy } from "./tag-policy.ts";

export interface SemverPolicy {
  semver: string;
  prerelease: boolean;
  partialVersions?: boolean | undefined;
  /** Tags must match; the version is `extract` of the match, or the whole tag (Flux's filterTags). */
  regex?: string | undefined;
  extract?: string | undefined;
}

/** The version a tag stands for under the policy, or why it stands for none. */
function versionReader(policy: SemverPolicy): (tag: string) => { version: string } | { refusal: string } {
  const pattern = policy.regex === undefined ? undefined : fluxRegex(policy.regex);
  return (tag) => {
    let text = tag;
    if (pattern) {
      const match = pattern.exec(tag);
      if (!match) return { refusal: `tag ${tag} does not match /${pattern.source}/` };
      if (policy.extract !== undefined) text = expandTemplate(policy.extract, match);
    }
    const version = tagVersion(text, policy.partialVersions ?? false);
    if (version) return { version };
    return {
      refusal:
        text === tag
          ? `tag ${tag} is not a semantic version`
          : `tag ${tag} gives ${JSON.stringify(text)}, not a semantic version`,
    };
  };
}

/** Why a tag is refused by the policy, or undefined when it is allowed. */
export function semverRefusal(
  tag: string,
  policy: SemverPolicy,
  readVersion = versionReader(policy),
): string | undefined {
  const read = readVersion(tag);
  if ("refusal" in read) return read.refusal;
  const range = semverRange(policy.semver);
  if (range === undefined) return `policy range "${policy.semver}" is not a valid semver range`;
  if (!semver.satisfies(read.version, range, { includePrerelease: policy.prerelease })) {
    return `tag ${tag} is outside the policy range "${policy.semver}"${semver.prerelease(read.version) && !policy.prerelease ? " (prereleases are off)" : ""}`;
  }
  return undefined;
}

/** True when `candidate` is a lower version than `current`: moving to it would be a downgrade. */
export function isDowngrade(current: string, candidate: string): boolean {
  const a = semver.valid(current);
  const b = semver.valid(candidate);
  return a !== null && b !== null && semver.lt(b, a);
}

/**
 * Tags that are semantic versions inside a range, newest version first. Two tags of one
 * version (`v2.0` and `2.0.0`) stand level.
 */
export function semverTagPolicy(policy: SemverPolicy): TagPolicy {
  const read = versionReader(policy);
  const versionOf = (tag: string): string | undefined => {
    const r = read(tag);
    return "version" in r ? r.version : undefined;
  };
  const filtered =
    policy.regex === undefined ? "" : ` of /${policy.regex}/${policy.extract ? ` by ${policy.extract}` : ""}`;
  return {
    description: `semver "${policy.semver}"${filtered}${policy.prerelease ? " with prereleases" : ""}`,
    refusal: (tag) => semverRefusal(tag, policy, read),
    compare: (a, b) => {
      const x = versionOf(a);
      const y = versionOf(b);
      return Promise.resolve(x === undefined || y === undefined ? undefined : semver.compare(x, y));
    },
    candidates: (tags) => ({ tags }),
  };
}
