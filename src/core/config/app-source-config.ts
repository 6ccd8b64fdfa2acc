import * as z from "zod";
import { normalizeGitUrl } from "./normalize-git-url.ts";

/**
 * `appSources[]`: a folder of a git branch whose YAML files declare `apps:` and `appSets:` as
 * sluice.yaml does; a push there changes the apps without redeploying Sluice.
 */
export const appSourceConfigSchema = z.object({
  repo: z.url({ protocol: /^https?$/, error: "must be an http(s) URL of a git repository" }),
  branch: z.string().min(1).default("main"),
  /** Folder holding the definitions; every `*.yaml` and `*.yml` file under it is read. */
  path: z.string().min(1).default("."),
}).strict().transform((source) => ({ ...source, repoKey: normalizeGitUrl(source.repo) }));

export type AppSourceConfig = z.infer<typeof appSourceConfigSchema>;
