import type { LeafGeneratorConfig } from "../../core/config/app-set-config.ts";

/** The settings of one pullRequests generator. */
export type PullRequestsGenerator = Extract<LeafGeneratorConfig, { pullRequests: unknown }>["pullRequests"];
