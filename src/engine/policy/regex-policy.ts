import { expandTemplate } from "../../core/config/expand-template.ts";
import { fluxRegex } from "../../core/config/flux-regex.ts";
import type { RegexPolicyConfig } from "../../core/config/tag-policy-config.ts";
import type { TagPolicy } from "./tag-policy.ts";

/**
 * Flux's pattern policy: tags matching `regex`, ordered by the value `extract` makes of the
 * match (`$ts` from `^main-[a-f0-9]+-(?P<ts>\d+)$`), numerically or alphabetically.
 * `asc` takes the highest value, as Flux's `order: asc` does. Alphabetical is by code point,
 * as Go's sort.Strings orders, so `Z` sorts before `a` here as it does there.
 */
export function regexTagPolicy(policy: RegexPolicyConfig): TagPolicy {
  const pattern = fluxRegex(policy.regex);
  const value = (tag: string): string | undefined => {
    const match = pattern.exec(tag);
    if (!match) return undefined;
    return policy.extract === undefined ? tag : expandTemplate(policy.extract, match);
  };
  const key = (tag: string): number | string | undefined => {
    const v = value(tag);
    if (v === undefined || policy.order === "alphabetical") return v;
    const n = Number(v);
    return v.trim() !== "" && Number.isFinite(n) ? n : undefined;
  };
  const sign = policy.direction === "asc" ? 1 : -1;
  return {
    description: `regex /${policy.regex}/${policy.extract ? ` by ${policy.extract}` : ""} ${policy.order} ${policy.direction}`,
    refusal(tag) {
      const v = value(tag);
      if (v === undefined) return `tag ${tag} does not match /${policy.regex}/`;
      if (key(tag) === undefined) return `tag ${tag} gives ${JSON.stringify(v)}, not a number to order by`;
      return undefined;
    },
    compare(a, b) {
      const x = key(a);
      const y = key(b);
      if (x === undefined || y === undefined) return Promise.resolve(undefined);
      const order = typeof x === "number" && typeof y === "number" ? Math.sign(x - y) : byteOrder(String(x), String(y));
      return Promise.resolve(sign * order);
    },
    candidates: (tags) => ({ tags }),
  };
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
