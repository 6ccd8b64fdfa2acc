import semver from "semver";
import * as z from "zod";
import { fluxRegex } from "./flux-regex.ts";

/**
 * `apps[].images[].policy`: exactly one of `semver`, `regex` or `newestPushed`, plus an
 * `ignore` list of tag globs and `pinDigest`. Parsed into a tagged shape for the code.
 */
export const tagPolicyConfigSchema = z.strictObject({
  semver: z.string().min(1).optional().describe("A semver range: >=1.0.0 <2.0.0, ^1.2, ~1.4.0"),
  prerelease: z.boolean().optional().describe("semver: also take prereleases (1.5.0-rc.1)"),
  regex: z.string().min(1).optional().describe("Tags must match; Flux's (?P<name>…) groups are accepted"),
  extract: z.string().min(1).optional().describe("regex: the value to order by, from the match: $name, ${name} or $1"),
  order: z.enum(["numerical", "alphabetical"]).optional().describe("regex: how extracted values are ordered"),
  direction: z.enum(["asc", "desc"]).optional().describe("regex: asc takes the highest value (Flux's order: asc), desc the lowest"),
  newestPushed: z.strictObject({
    match: z.string().min(1).default("^[0-9a-f]{7,40}$").describe("Tags to consider; default: commit SHAs"),
    limit: z.number().int().positive().default(100).describe("Order at most this many tags by build time without an event naming the tag"),
  }).optional().describe("Take the most recently built image among tags that do not sort (commit SHAs)"),
  ignore: z.array(z.string().min(1)).default([]).describe("Tag globs never taken: latest, *-debug"),
  pinDigest: z.boolean().default(false).describe("Write the digest with the tag (tag@sha256:… or the target's digest field)"),
}).superRefine((p, ctx) => {
  const kinds = (["semver", "regex", "newestPushed"] as const).filter((k) => p[k] !== undefined);
  if (kinds.length !== 1) {
    ctx.addIssue({ code: "custom", message: kinds.length === 0 ? "a policy needs one of semver, regex or newestPushed" : `a policy has one kind; found ${kinds.join(" and ")}` });
    return;
  }
  const kind = kinds[0];
  const misplaced = (keys: readonly ("prerelease" | "extract" | "order" | "direction")[], owner: string): void => {
    for (const key of keys) if (p[key] !== undefined) ctx.addIssue({ code: "custom", path: [key], message: `${key} belongs to a ${owner} policy` });
  };
  if (kind !== "semver") misplaced(["prerelease"], "semver");
  if (kind !== "regex") misplaced(["extract", "order", "direction"], "regex");
  if (p.semver !== undefined && !semver.validRange(p.semver)) ctx.addIssue({ code: "custom", path: ["semver"], message: `"${p.semver}" is not a semver range` });
  for (const [path, source] of [[["regex"], p.regex], [["newestPushed", "match"], p.newestPushed?.match]] as const) {
    if (source === undefined) continue;
    try {
      const pattern = fluxRegex(source);
      if (path[0] === "regex" && p.extract !== undefined) checkExtract(pattern, p.extract, ctx);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: [...path], message: `not a regular expression: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}).transform((p): TagPolicyConfig => {
  const common = { ignore: p.ignore, pinDigest: p.pinDigest };
  if (p.semver !== undefined) return { kind: "semver", semver: p.semver, prerelease: p.prerelease ?? false, ...common };
  if (p.regex !== undefined) return { kind: "regex", regex: p.regex, ...(p.extract === undefined ? {} : { extract: p.extract }), order: p.order ?? "alphabetical", direction: p.direction ?? "asc", ...common };
  const newest = p.newestPushed ?? { match: "^[0-9a-f]{7,40}$", limit: 100 };
  return { kind: "newestPushed", match: newest.match, limit: newest.limit, ...common };
});

interface CommonPolicy {
  readonly ignore: readonly string[];
  readonly pinDigest: boolean;
}

export type SemverPolicyConfig = CommonPolicy & { readonly kind: "semver"; readonly semver: string; readonly prerelease: boolean };
export type RegexPolicyConfig = CommonPolicy & {
  readonly kind: "regex";
  readonly regex: string;
  readonly extract?: string;
  readonly order: "numerical" | "alphabetical";
  readonly direction: "asc" | "desc";
};
export type NewestPushedPolicyConfig = CommonPolicy & { readonly kind: "newestPushed"; readonly match: string; readonly limit: number };
export type TagPolicyConfig = SemverPolicyConfig | RegexPolicyConfig | NewestPushedPolicyConfig;

function checkExtract(pattern: RegExp, extract: string, ctx: z.RefinementCtx): void {
  const groups = new Set([...pattern.source.matchAll(/\(\?<([A-Za-z_$][\w$]*)>/g)].map((m) => m[1]));
  const groupCount = new RegExp(`${pattern.source}|`).exec("")?.length ?? 1;
  for (const ref of extract.matchAll(/\$(?:\{(\w+)\}|(\w+))/g)) {
    const name = ref[1] ?? ref[2] ?? "";
    const ok = /^\d+$/.test(name) ? Number(name) < groupCount : groups.has(name);
    if (!ok) ctx.addIssue({ code: "custom", path: ["extract"], message: `$${name} is not a group of the regex` });
  }
}
