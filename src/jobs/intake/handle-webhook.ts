import type { SluiceConfig } from "../../core/config/app-config.ts";
import { SecretError, type SecretResolver } from "../../adapters/secrets/secret-resolver.ts";
import type { Logger } from "../../core/log/logger.ts";
import { QueueUnavailableError, type JobQueue } from "../../core/queue/job-queue.ts";
import { HttpError } from "../../adapters/webhooks/http-error.ts";
import { MIN_PATH_SECRET_LENGTH } from "../../adapters/webhooks/providers/path-secret-matches.ts";
import { providerFor, redactPath } from "../../adapters/webhooks/providers/providers.ts";
import type { EndpointSettings, WebhookProvider } from "../../adapters/webhooks/providers/webhook-provider.ts";
import { queueDelivery } from "./queue-delivery.ts";
import type { AppIndexReader } from "../../core/apps/app-index-reader.ts";
import type { WebhookRequest, WebhookResponse } from "../../adapters/webhooks/webhook-request.ts";

export interface IntakeDeps {
  config: SluiceConfig;
  secrets: SecretResolver;
  queue: JobQueue;
  logger: Logger;
  /** The apps to match against; without one, the configuration's inline apps. */
  apps?: AppIndexReader | undefined;
}

/**
 * Verifies one webhook delivery, turns it into internal events, matches them to apps
 * and queues the jobs. Bad input is always a 4xx with a reason; 503 only when the queue
 * (or the secret store) cannot be reached, so a sender that retries will.
 */
export async function handleWebhook(request: WebhookRequest, deps: IntakeDeps): Promise<WebhookResponse> {
  try {
    return await accept(request, deps);
  } catch (error) {
    const path = redactPath(request.path);
    if (error instanceof HttpError) {
      deps.logger.warn("delivery refused", { path, status: error.status, reason: error.message });
      return { status: error.status, body: { error: error.message } };
    }
    if (error instanceof QueueUnavailableError) {
      deps.logger.error("queue unavailable", { path, error: error.message });
      return { status: 503, body: { error: "the job queue is unavailable; retry later" } };
    }
    if (error instanceof SecretError) {
      // The message names the secret reference, never its value.
      deps.logger.error("endpoint secret unavailable", { path, error: error.message });
      return { status: 503, body: { error: "the endpoint cannot check credentials right now; retry later" } };
    }
    deps.logger.error("delivery failed", { path, error: error instanceof Error ? error.message : String(error) });
    return { status: 500, body: { error: "internal error" } };
  }
}

async function accept(request: WebhookRequest, deps: IntakeDeps): Promise<WebhookResponse> {
  if (request.method === "GET" && request.path === "/healthz") return { status: 200, body: { status: "ok" } };
  const provider = providerFor(request.path);
  if (!provider) throw new HttpError(404, `no webhook endpoint at ${redactPath(request.path)}`);
  if (request.method !== "POST") throw new HttpError(405, `${request.method} is not accepted; send POST`);
  const configured = deps.config.webhooks[provider.name];
  if (!configured) throw new HttpError(404, `the ${provider.name} endpoint is off: it has no secret configured`);
  if (request.body.byteLength > deps.config.limits.bodyBytes) {
    throw new HttpError(413, `body of ${request.body.byteLength} bytes is over the limit of ${deps.config.limits.bodyBytes}`);
  }
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!provider.contentTypes.includes(mediaType)) {
    throw new HttpError(415, `content type "${mediaType}" is not accepted; send ${provider.contentTypes.join(" or ")}`);
  }
  // An endpoint with no secrets (Pub/Sub's OIDC tokens) proves itself in its provider's verify.
  const secrets = usableSecrets(provider, "secrets" in configured ? await deps.secrets.resolveAll(configured.secrets) : [], deps.logger);
  if (secrets.length === 0 && provider.secretInPath) throw new HttpError(404, `the ${provider.name} endpoint is off: its secret is shorter than 32 random bytes`);
  const endpoint: EndpointSettings = { secrets, settings: configured, ...("registryHost" in configured && configured.registryHost ? { registryHost: configured.registryHost } : {}) };

  if (!(await provider.verify(request, endpoint))) throw new HttpError(401, "missing or invalid credentials");
  if (!provider.canHandle(request)) throw new HttpError(400, `not a ${provider.label} delivery: expected ${provider.expects}`);
  const delivery = provider.parse(request, endpoint);
  const outcome = await queueDelivery(provider.name, delivery, deps);
  if (outcome.jobs.length === 0) {
    return { status: 202, body: { status: "ignored", deliveryId: outcome.deliveryId, reasons: outcome.ignored } };
  }
  return { status: 202, body: { status: "queued", deliveryId: outcome.deliveryId, jobs: outcome.jobs, ...(outcome.ignored.length ? { ignored: outcome.ignored } : {}) } };
}

/** Secrets a provider can use: a path secret must be long enough that guessing it is hopeless. */
function usableSecrets(provider: WebhookProvider, secrets: readonly string[], logger: Logger): string[] {
  if (!provider.secretInPath) return [...secrets];
  const long = secrets.filter((s) => s.length >= MIN_PATH_SECRET_LENGTH);
  if (long.length < secrets.length) {
    logger.error("path secret too short", { provider: provider.name, refused: secrets.length - long.length, minimumLength: MIN_PATH_SECRET_LENGTH });
  }
  return long;
}
