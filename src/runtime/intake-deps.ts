import type { SluiceConfig } from "../config/app-config.ts";
import { SecretResolver, type SecretSources } from "../config/secret-resolver.ts";
import type { IntakeDeps } from "../intake/handle-webhook.ts";
import type { Logger } from "../log/logger.ts";
import type { JobQueue } from "../queue/job-queue.ts";

/** Wires the webhook function: no git, no Kubernetes client. */
export function buildIntakeDeps(parts: { config: SluiceConfig; queue: JobQueue; logger: Logger; secretSources: SecretSources }): IntakeDeps {
  return { config: parts.config, queue: parts.queue, logger: parts.logger, secrets: new SecretResolver(parts.secretSources) };
}
