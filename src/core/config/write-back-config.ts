import * as z from "zod";
import { secretRefSchema } from "./secret-ref.ts";
import { githubAppSchema } from "./git-credential-config.ts";

/**
 * `apps[].writeBack.pullRequest`: propose bumps for a human to approve instead of pushing
 * to the tracked branch. Each bump goes to its own branch `<branchPrefix><app>/<image>-<tag>`
 * and a pull request (GitHub) or merge request (GitLab) into the tracked branch.
 */
const pullRequestConfigSchema = z.strictObject({
  github: z.strictObject({
    /** owner/name */
    repository: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "owner/name"),
    token: secretRefSchema.optional(),
    /** A GitHub App installation instead of a token: its installation tokens are got and renewed. */
    githubApp: githubAppSchema.optional(),
    apiUrl: z.url().default("https://api.github.com"),
  }).refine((g) => (g.token === undefined) !== (g.githubApp === undefined), "give exactly one of token or githubApp").optional(),
  gitlab: z.strictObject({
    /** group/name, or the numeric project id */
    project: z.string().min(1),
    token: secretRefSchema,
    apiUrl: z.url().default("https://gitlab.com/api/v4"),
  }).optional(),
  branchPrefix: z.string().min(1).regex(/^[A-Za-z0-9._/-]+$/).default("sluice/"),
}).refine((p) => (p.github === undefined) !== (p.gitlab === undefined), "give exactly one of github or gitlab");

export const writeBackConfigSchema = z.strictObject({
  pullRequest: pullRequestConfigSchema.optional(),
});

export type PullRequestConfig = z.infer<typeof pullRequestConfigSchema>;
export type WriteBackConfig = z.infer<typeof writeBackConfigSchema>;
