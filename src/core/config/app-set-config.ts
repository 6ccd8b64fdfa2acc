import * as z from "zod";
import { dnsLabel } from "./dns-label.ts";
import { normalizeGitUrl } from "./normalize-git-url.ts";
import { secretRefSchema } from "./secret-ref.ts";

const repoUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a git repository" });
/** One glob or a list of them. */
const globs = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (typeof v === "string" ? [v] : v));
const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

/** Fixed elements: each one is one app, its keys the variables. */
const listGenerator = z.object({ list: z.object({ elements: z.array(z.record(z.string(), scalar)).min(1) }).strict() }).strict();

/** One app per configured cluster whose labels match; `{{cluster.name}}`, `{{cluster.labels.<key>}}`. */
const clustersGenerator = z.object({
  clusters: z.object({ selector: z.object({ matchLabels: z.record(z.string(), z.string()).default({}) }).strict().default({ matchLabels: {} }) })
    .strict(),
}).strict();

/** One app per directory of a repository matching `include`: `{{path}}`, `{{path.basename}}`. */
const gitDirectoriesGenerator = z.object({
  gitDirectories: z.object({ repo: repoUrl, branch: z.string().min(1).default("main"), include: globs, exclude: globs.default([]) })
    .strict().transform((g) => ({ ...g, repoKey: normalizeGitUrl(g.repo) })),
}).strict();

/** One app per branch whose name matches: `{{branch}}`, `{{branchSlug}}`, `{{sha}}`, `{{shortSha}}`. */
const branchesGenerator = z.object({
  branches: z.object({ repo: repoUrl, include: globs, exclude: globs.default([]) })
    .strict().transform((g) => ({ ...g, repoKey: normalizeGitUrl(g.repo) })),
}).strict();

/** One app per open pull (merge) request: the branch variables and `{{number}}`. */
const pullRequestsGenerator = z.object({
  pullRequests: z.object({
    provider: z.enum(["github", "gitlab", "gitea"]),
    /** The repository's git URL, as pushes name it; the API project comes from its path. */
    repo: repoUrl,
    /** The API's base URL when not the provider's public one (GitHub Enterprise, a self-hosted GitLab or Gitea). */
    api: z.url().optional(),
    token: secretRefSchema.optional(),
    /** Only requests carrying every one of these labels. */
    labels: z.array(z.string().min(1)).default([]),
  }).strict().transform((g) => ({ ...g, repoKey: normalizeGitUrl(g.repo) })),
}).strict();

export const leafGeneratorSchema = z.union(
  [listGenerator, clustersGenerator, gitDirectoriesGenerator, branchesGenerator, pullRequestsGenerator],
  { error: "a generator is one of list, clusters, gitDirectories, branches, pullRequests or matrix" },
);

/** Every combination of two generators' elements, their variables merged. */
const matrixGenerator = z.object({ matrix: z.object({ generators: z.array(leafGeneratorSchema).length(2) }).strict() }).strict();

export const generatorSchema = z.union([matrixGenerator, leafGeneratorSchema], {
  error: "a generator is one of list, clusters, gitDirectories, branches, pullRequests or matrix",
});

/** `72h`, `30m`, `7d`, `45s`: how long a generated app may go without a sync before it is removed. */
const duration = z.string().regex(/^\d+[smhd]$/, "must be a duration such as 30m, 72h or 7d").transform((text) => {
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[text.slice(-1) as "s" | "m" | "h" | "d"];
  return Number(text.slice(0, -1)) * unit;
});

/**
 * `appSets[]`: a template of an app (the schema of `apps[]`, with `{{variables}}` in any string)
 * and the generators that give its variables; each element is one app.
 */
export const appSetConfigSchema = z.object({
  name: dnsLabel,
  generators: z.array(generatorSchema).min(1),
  template: z.record(z.string(), z.unknown()),
  /** What happens to an app's objects when the app set stops generating it: left in place unless `delete`. */
  deletionPolicy: z.enum(["orphan", "delete"]).default("orphan"),
  /**
   * A values file for each app, created (once) in the app's source branch from `from`, a sample file
   * in that repository whose `{{variables}}` are filled in, at the templated `path`; removed with the app.
   */
  valuesFile: z.object({ from: z.string().min(1), path: z.string().min(1) }).strict().optional(),
  /** Seconds without a sync after which a generated app is removed (review apps nobody pushes to). */
  idleTtl: duration.optional(),
}).strict();

export type AppSetConfig = z.infer<typeof appSetConfigSchema>;
export type GeneratorConfig = z.infer<typeof generatorSchema>;
export type LeafGeneratorConfig = z.infer<typeof leafGeneratorSchema>;
