import type { AppIndexReader } from "../../core/apps/app-index-reader.ts";
import { staticAppIndexReader } from "../../core/apps/static-app-index-reader.ts";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { GitRemotes } from "../../adapters/git/git-workspace.ts";
import { listBranches } from "../../adapters/git/list-branches.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import { GitAppIndex } from "../../jobs/apps/git-app-index.ts";
import type { OpenRequest } from "../../engine/appsets/generator-inputs.ts";
import { pullRequestLister, type PullRequestsGenerator } from "../../jobs/apps/pull-requests-generator.ts";
import { ConditionalPages } from "../../adapters/hosting/conditional-pages.ts";
import { undiciTransport } from "../../adapters/http/undici-transport.ts";

/** How long a warm function uses the index it read before asking the app sources' heads again. */
export const APP_INDEX_MAX_AGE_MS = 30_000;

/**
 * The app index of a process: the inline apps when sluice.yaml names no app source and no app set,
 * else read from git (heads cached by revision) and kept for APP_INDEX_MAX_AGE_MS, or until a push
 * to a watched repository or a request event; pullRequests generators list their hosts' APIs.
 */
export function appIndexReader(config: SluiceConfig, parts: {
  git: GitRemotes;
  secrets: SecretResolver;
  logger: Logger;
  listRequests?: (generator: PullRequestsGenerator) => Promise<OpenRequest[]>;
}): AppIndexReader {
  if (config.appSources.length === 0 && config.appSets.length === 0) return staticAppIndexReader(config);
  // One set of kept pages (ETags) and rate limits per reader, so the process's every read shares them.
  const listRequests = parts.listRequests ?? pullRequestLister({ pages: new ConditionalPages(undiciTransport()), secrets: parts.secrets });
  return new GitAppIndex({ config, ...parts, listRequests, listBranches, now: () => Date.now(), maxAgeMs: APP_INDEX_MAX_AGE_MS });
}
