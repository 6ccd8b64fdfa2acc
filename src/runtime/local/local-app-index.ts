import { join } from "node:path";
import type { AppIndexReader } from "../../core/apps/app-index-reader.ts";
import type { SluiceConfig } from "../../core/config/app-config.ts";
import type { Logger } from "../../core/log/logger.ts";
import { IsomorphicGitRemotes } from "../../adapters/git/isomorphic-git-remotes.ts";
import { SecretResolver, type SecretSources } from "../../adapters/secrets/secret-resolver.ts";
import { appIndexReader } from "../wiring/app-index-reader.ts";
import type { RuntimeEnv } from "../wiring/read-env.ts";

/** The app index the local runtime's webhook server, worker and sweep share. */
export function localAppIndex(config: SluiceConfig, env: RuntimeEnv, secretSources: SecretSources, logger: Logger): AppIndexReader {
  const git = new IsomorphicGitRemotes(join(env.SLUICE_WORK_DIR, "sluice-index"));
  return appIndexReader(config, { git, secrets: new SecretResolver(secretSources), logger });
}
