import type { SluiceConfig } from "../../core/config/app-config.ts";
import { SecretResolver, type SecretSources } from "../../adapters/secrets/secret-resolver.ts";
import type { IntakeDeps } from "../../jobs/intake/handle-webhook.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";
import { join } from "node:path";
import { tmpdir } from "node:os";
import type { AppIndexReader } from "../../core/apps/app-index-reader.ts";
import { IsomorphicGitRemotes } from "../../adapters/git/isomorphic-git-remotes.ts";
import { appIndexReader } from "./app-index-reader.ts";

/**
 * Wires the webhook function: no Kubernetes client; git only to read app sources' heads and generators'
 * inputs, and only when sluice.yaml names some.
 */
export function buildIntakeDeps(parts: { config: SluiceConfig; queue: JobQueue; logger: Logger; secretSources: SecretSources; apps?: AppIndexReader }): IntakeDeps {
  const secrets = new SecretResolver(parts.secretSources);
  const apps = parts.apps ?? appIndexReader(parts.config, { git: new IsomorphicGitRemotes(join(tmpdir(), "sluice-intake")), secrets, logger: parts.logger });
  return { config: parts.config, queue: parts.queue, logger: parts.logger, secrets, apps };
}
