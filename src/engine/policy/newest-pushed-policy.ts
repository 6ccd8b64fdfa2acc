import { fluxRegex } from "../../core/config/flux-regex.ts";
import type { NewestPushedPolicyConfig } from "../../core/config/tag-policy-config.ts";
import type { TagPolicy } from "./tag-policy.ts";

/** When the image behind a tag was built; undefined when the registry cannot say. */
export type BuildTime = (tag: string) => Promise<Date | undefined>;

/**
 * For tags that carry no order of their own (a monorepo pipeline tagging each image with
 * its short commit SHA): the most recently built image wins, by its config's `created`,
 * as `docker inspect` shows it. Each comparison costs registry requests (cached by
 * digest), so without an event naming the tag at most `limit` tags are ordered. Equal build
 * times are broken by tag name, the higher name winning.
 */
export function newestPushedPolicy(policy: NewestPushedPolicyConfig, buildTime: BuildTime): TagPolicy {
  const pattern = fluxRegex(policy.match);
  const times = new Map<string, Promise<Date | undefined>>();
  const timeOf = (tag: string): Promise<Date | undefined> => {
    let time = times.get(tag);
    if (!time) {
      time = buildTime(tag);
      times.set(tag, time);
    }
    return time;
  };
  return {
    description: `newest pushed of /${policy.match}/`,
    refusal: (tag) => (pattern.test(tag) ? undefined : `tag ${tag} does not match /${policy.match}/`),
    async compare(a, b) {
      const [x, y] = await Promise.all([timeOf(a), timeOf(b)]);
      if (x === undefined || y === undefined) return undefined;
      // Images built in the same second (one pipeline tagging twice) are ordered by tag name, so the choice never depends on registry order.
      return Math.sign(x.getTime() - y.getTime()) || (a < b ? -1 : a > b ? 1 : 0);
    },
    candidates(tags, hint) {
      if (tags.length <= policy.limit) return { tags };
      // An event names the newest tag; ordering hundreds of SHAs by build time would cost a request each.
      if (hint !== undefined) return { tags: tags.filter((t) => t === hint) };
      return { refusal: `${tags.length} tags match /${policy.match}/, more than the ${policy.limit} newest-pushed orders without an event naming the tag` };
    },
  };
}
