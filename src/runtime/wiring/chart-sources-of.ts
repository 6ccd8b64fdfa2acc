import { join } from "node:path";
import { ChartSources } from "../../adapters/charts/chart-sources.ts";
import { withRetry } from "../../adapters/http/send-with-retry.ts";
import { undiciTransport } from "../../adapters/http/undici-transport.ts";
import { runCommand } from "../../adapters/render/command-runner.ts";
import { awsEcrTokens } from "../../adapters/registry/aws-ecr-tokens.ts";
import { Registries } from "../../adapters/registry/registries.ts";
import type { SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import type { WorkerParts } from "./worker-deps.ts";

/**
 * Charts from Helm and OCI repositories for the renderer: packages kept by digest under the
 * work folder (a warm Lambda's /tmp), index.yaml read with retries, OCI registries signed in to
 * with the `registries:` credentials.
 */
export function chartSourcesOf(parts: WorkerParts, secrets: SecretResolver, clock: { now(): number; sleep(ms: number): Promise<void> }): ChartSources {
  return new ChartSources({
    http: withRetry(undiciTransport({ redirect: "follow" }), { clock, maxAttempts: 3 }),
    secrets,
    registries: new Registries(parts.config.registries, { http: undiciTransport({ redirect: "follow" }), secrets, clock, ecrTokens: awsEcrTokens() }),
    repositories: parts.config.helmRepositories,
    cacheDir: join(parts.env.SLUICE_WORK_DIR, "sluice-charts"),
    helm: parts.tools.helm,
    run: runCommand,
    timeoutMs: parts.env.SLUICE_RENDER_TIMEOUT_MS,
    now: () => clock.now(),
  });
}
