import { fluxRegex } from "../../core/config/flux-regex.ts";
import type { RegexPolicyConfig } from "../../core/config/tag-policy-config.ts";
import type { TagPolicy } from "./tag-policy.ts";

const collator = new Intl.Collator("en", { sensitivity: "variant" });

/**
 * Flux's pattern policy: tags matching `regex`, ordered by the value `extract` makes of the
 * match (`$ts` from `^main-[a-f0-9]+-(?P<ts>\d+)$`), numerically or alphabetically.
 * `asc` takes the highest value, as Flux's `order: asc` does.
 */
export function regexTagPolicy(policy: RegexPolicyConfig): TagPolicy {
  const pattern = fluxRegex(policy.regex);
  const value = (tag: string): string | undefined => {
    const match = pattern.exec(tag);
    if (!match) return undefined;
    if (policy.extract === undefined) return tag;
    return policy.extract.replace(/\$(?:\{(\w+)\}|(\w+))/g, (_, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? "";
      return (/^\d+$/.test(name) ? match[Number(name)] : match.groups?.[name]) ?? "";
    });
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
      const order = typeof x === "number" && typeof y === "number" ? Math.sign(x - y) : Math.sign(collator.compare(String(x), String(y)));
      return Promise.resolve(sign * order);
    },
    candidates: (tags) => ({ tags }),
  };
}
