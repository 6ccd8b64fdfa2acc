import type { LeafGeneratorConfig } from "../../core/config/app-set-config.ts";
import type { ConditionalPages } from "../../adapters/hosting/conditional-pages.ts";
import { giteaOpenPulls } from "../../adapters/hosting/gitea-open-pulls.ts";
import { githubOpenPulls } from "../../adapters/hosting/github-open-pulls.ts";
import { gitlabOpenMergeRequests } from "../../adapters/hosting/gitlab-open-merge-requests.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import type { OpenRequest } from "../../engine/appsets/generator-inputs.ts";

/** The settings of one pullRequests generator. */
export type PullRequestsGenerator = Extract<LeafGeneratorConfig, { pullRequests: unknown }>["pullRequests"];

/** One process's way to the hosts' request APIs: pages with their ETags and each host's rate limit, kept between reads. */
export interface RequestListDeps {
  readonly pages: ConditionalPages;
  readonly secrets: SecretResolver;
}

/**
 * Lists a pullRequests generator's open requests from its host's API: GitHub's pulls, GitLab's merge
 * requests, Gitea's pulls, with the generator's token. The API is `api` when given, else the one the
 * repository's host serves: api.github.com for github.com (`/api/v3` on GitHub Enterprise), `/api/v4`
 * on GitLab, `/api/v1` on Gitea.
 */
export function pullRequestLister(deps: RequestListDeps): (generator: PullRequestsGenerator) => Promise<OpenRequest[]> {
  return async (generator) => {
    const token = generator.token ? await deps.secrets.resolve(generator.token) : undefined;
    const repo = new URL(generator.repo);
    const project = decodeURIComponent(repo.pathname).replace(/^\/+|\/+$/g, "").replace(/\.git$/i, "");
    switch (generator.provider) {
      case "github": {
        const api = generator.api ?? (repo.hostname === "github.com" ? "https://api.github.com" : `${repo.origin}/api/v3`);
        return githubOpenPulls(deps.pages, api, project, token);
      }
      case "gitlab":
        return gitlabOpenMergeRequests(deps.pages, generator.api ?? `${repo.origin}/api/v4`, project, token);
      case "gitea":
        return giteaOpenPulls(deps.pages, generator.api ?? `${repo.origin}/api/v1`, project, token);
    }
  };
}
