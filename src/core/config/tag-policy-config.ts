import * as z from "zod";
import { fluxRegex } from "./flux-regex.ts";
import { templateReferences } from "./expand-template.ts";
import { semverRange } from "./semver-range.ts";

/**
 * `apps[].images[].policy`: one of `semver`, `regex` or `newestPushed`, plus an `ignore` list
 * of tag globs and `pinDigest`. A `regex` (with `extract`) beside `semver` filters the tags
 * and names the version to order by, as Flux's `filterTags` does before a semver policy.
 * Parsed into a tagged shape for the code.
 */
export const tagPolicyConfigSchema = z
  .strictObject({
    semver: z.string().min(1).optional().describe("A semver range: >=1.0.0 <2.0.0, ^1.2, ~1.4.0, >=1.0,<2.0"),
    prerelease: z.boolean().optional().describe("semver: also take prereleases (1.5.0-rc.1)"),
    partialVersions: z
      .boolean()
      .optional()
      .describe("semver: read v2.0 and 3 as versions, as Argo CD Image Updater does"),
    regex: z.string().min(1).optional().describe("Tags must match (Go RE2 syntax, as in Flux and Image Updater)"),
    extract: z
      .string()
      .min(1)
      .optional()
      .describe("regex: the value to order by, from the match: $name, ${name} or $1; $$ is $"),
    order: z.enum(["numerical", "alphabetical"]).optional().describe("regex: how extracted values are ordered"),
    direction: z
      .enum(["asc", "desc"])
      .optional()
      .describe("regex: asc takes the highest value (Flux's order: asc), desc the lowest"),
    newestPushed: z
      .strictObject({
        match: z.string().min(1).default("^[0-9a-f]{7,40}$").describe("Tags to consider; default: commit SHAs"),
        limit: z
          .number()
          .int()
          .positive()
          .default(100)
          .describe("Order at most this many tags by build time without an event naming the tag"),
      })
      .optional()
      .describe("Take the most recently built image among tags that do not sort (commit SHAs)"),
    ignore: z.array(z.string().min(1)).default([]).describe("Tag globs never taken: latest, *-debug"),
    pinDigest: z
      .boolean()
      .default(false)
      .describe("Write the digest with the tag (tag@sha256:… or the target's digest field)"),
  })
  .superRefine((p, ctx) => {
    // A regex beside semver is its filter, not a second kind.
    const kinds = [
      p.semver !== undefined && "semver",
      p.regex !== undefined && p.semver === undefined && "regex",
      p.newestPushed !== undefined && "newestPushed",
    ].filter((k) => k !== false);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message:
          kinds.length === 0
            ? "a policy needs one of semver, regex or newestPushed"
            : `a policy has one kind; found ${kinds.join(" and ")}`,
      });
      return;
    }
    checkPlacement(p, ctx);
    if (p.semver !== undefined && semverRange(p.semver) === undefined)
      ctx.addIssue({ code: "custom", path: ["semver"], message: `"${p.semver}" is not a semver range` });
    for (const [path, source] of [
      [["regex"], p.regex],
      [["newestPushed", "match"], p.newestPushed?.match],
    ] as const) {
      if (source === undefined) continue;
      try {
        const pattern = fluxRegex(source);
        if (path[0] === "regex" && p.extract !== undefined)
          checkExtract(pattern.groupNames, pattern.groupCount, p.extract, ctx);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          path: [...path],
          message: `not a regular expression: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    }
  })
  .transform((p): TagPolicyConfig => {
    const common = { ignore: p.ignore, pinDigest: p.pinDigest };
    const extract = p.extract === undefined ? {} : { extract: p.extract };
    if (p.semver !== undefined) {
      return {
        kind: "semver",
        semver: p.semver,
        prerelease: p.prerelease ?? false,
        ...(p.partialVersions ? { partialVersions: true } : {}),
        ...(p.regex === undefined ? {} : { regex: p.regex, ...extract }),
        ...common,
      };
    }
    if (p.regex !== undefined)
      return {
        kind: "regex",
        regex: p.regex,
        ...extract,
        order: p.order ?? "alphabetical",
        direction: p.direction ?? "asc",
        ...common,
      };
    const newest = p.newestPushed ?? { match: "^[0-9a-f]{7,40}$", limit: 100 };
    return { kind: "newestPushed", match: newest.match, limit: newest.limit, ...common };
  });

interface CommonPolicy {
  readonly ignore: readonly string[];
  readonly pinDigest: boolean;
}

export type SemverPolicyConfig = CommonPolicy & {
  readonly kind: "semver";
  readonly semver: string;
  readonly prerelease: boolean;
  readonly partialVersions?: boolean;
  /** Tags must match; the version is `extract` of the match, or the whole tag. */
  readonly regex?: string;
  readonly extract?: string;
};
export type RegexPolicyConfig = CommonPolicy & {
  readonly kind: "regex";
  readonly regex: string;
  readonly extract?: string;
  readonly order: "numerical" | "alphabetical";
  readonly direction: "asc" | "desc";
};
export type NewestPushedPolicyConfig = CommonPolicy & {
  readonly kind: "newestPushed";
  readonly match: string;
  readonly limit: number;
};
export type TagPolicyConfig = SemverPolicyConfig | RegexPolicyConfig | NewestPushedPolicyConfig;

type RawPolicy = { semver?: string | undefined; regex?: string | undefined } & Partial<
  Record<"prerelease" | "partialVersions" | "extract" | "order" | "direction", unknown>
>;

/** Keys that belong to another kind of policy are errors, not silently ignored. */
function checkPlacement(p: RawPolicy, ctx: z.RefinementCtx): void {
  const misplaced = (
    keys: readonly ("prerelease" | "partialVersions" | "extract" | "order" | "direction")[],
    owner: string,
  ): void => {
    for (const key of keys)
      if (p[key] !== undefined)
        ctx.addIssue({ code: "custom", path: [key], message: `${key} belongs to a ${owner} policy` });
  };
  if (p.semver === undefined) misplaced(["prerelease", "partialVersions"], "semver");
  if (p.regex === undefined) misplaced(["extract"], "regex");
  if (p.regex === undefined || p.semver !== undefined) misplaced(["order", "direction"], "regex");
}

function checkExtract(groupNames: readonly string[], groupCount: number, extract: string, ctx: z.RefinementCtx): void {
  for (const ref of templateReferences(extract)) {
    const ok = ref.index !== undefined ? ref.index <= groupCount : groupNames.includes(ref.name);
    if (!ok) ctx.addIssue({ code: "custom", path: ["extract"], message: `$${ref.name} is not a group of the regex` });
  }
}
