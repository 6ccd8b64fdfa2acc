import picomatch from "picomatch";
import { newestPushedPolicy, type BuildTime } from "./newest-pushed-policy.ts";
import { regexTagPolicy } from "./regex-policy.ts";
import { semverTagPolicy } from "./semver-policy.ts";
import type { TagPolicyConfig } from "../../core/config/tag-policy-config.ts";
import type { TagPolicy } from "./tag-policy.ts";

/** The policy an image's config describes, with its ignore list applied to every kind. */
export function buildTagPolicy(config: TagPolicyConfig, buildTime: BuildTime): TagPolicy {
  const policy = config.kind === "semver" ? semverTagPolicy(config) : config.kind === "regex" ? regexTagPolicy(config) : newestPushedPolicy(config, buildTime);
  if (config.ignore.length === 0) return policy;
  const ignored = picomatch(config.ignore.slice(), { dot: true });
  return {
    ...policy,
    refusal: (tag) => (ignored(tag) ? `tag ${tag} is on the ignore list (${config.ignore.join(", ")})` : policy.refusal(tag)),
  };
}
