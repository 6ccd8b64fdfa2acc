import type { SluiceConfig } from "../../core/config/app-config.ts";
import { SecretResolver, type SecretSources } from "../../adapters/secrets/secret-resolver.ts";
import type { IntakeDeps } from "../../jobs/intake/handle-webhook.ts";
import type { Logger } from "../../core/log/logger.ts";
import type { JobQueue } from "../../core/queue/job-queue.ts";

/** Wires the webhook function: no git, no Kubernetes client. */
export function buildIntakeDeps(parts: { config: SluiceConfig; queue: JobQueue; logger: Logger; secretSources: SecretSources }): IntakeDeps {
  return { config: parts.config, queue: parts.queue, logger: parts.logger, secrets: new SecretResolver(parts.secretSources) };
}
