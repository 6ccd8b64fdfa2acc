import type { SluiceConfig } from "../config/app-config.ts";
import type { SecretResolver } from "../config/secret-resolver.ts";
import type { Logger } from "../log/logger.ts";
import type { QueuedJob } from "../queue/job.ts";
import { QueueUnavailableError, type JobQueue } from "../queue/job-queue.ts";
import { HttpError } from "./http-error.ts";
import { matchEvent } from "./match-event.ts";
import { providers } from "./providers/providers.ts";
import type { EndpointSettings } from "./providers/webhook-provider.ts";
import type { WebhookRequest, WebhookResponse } from "./webhook-request.ts";

export interface IntakeDeps {
  config: SluiceConfig;
  secrets: SecretResolver;
  queue: JobQueue;
  logger: Logger;
}

/**
 * Verifies one webhook delivery, turns it into internal events, matches them to apps
 * and queues the jobs. Bad input is always a 4xx with a reason; 503 only when the
 * queue cannot take the jobs, so a sender that retries will.
 */
export async function handleWebhook(request: WebhookRequest, deps: IntakeDeps): Promise<WebhookResponse> {
  try {
    return await accept(request, deps);
  } catch (error) {
    if (error instanceof HttpError) {
      deps.logger.warn("delivery refused", { path: request.path, status: error.status, reason: error.message });
      return { status: error.status, body: { error: error.message } };
    }
    if (error instanceof QueueUnavailableError) {
      deps.logger.error("queue unavailable", { path: request.path, error: error.message });
      return { status: 503, body: { error: "the job queue is unavailable; retry later" } };
    }
    deps.logger.error("delivery failed", { path: request.path, error: error instanceof Error ? error.message : String(error) });
    return { status: 500, body: { error: "internal error" } };
  }
}

async function accept(request: WebhookRequest, deps: IntakeDeps): Promise<WebhookResponse> {
  if (request.method === "GET" && request.path === "/healthz") return { status: 200, body: { status: "ok" } };
  const provider = providers.get(request.path.replace(/\/+$/, ""));
  if (!provider) throw new HttpError(404, `no webhook endpoint at ${request.path}`);
  if (request.method !== "POST") throw new HttpError(405, `${request.method} is not accepted; send POST`);
  const configured = deps.config.webhooks[provider.name as keyof SluiceConfig["webhooks"]];
  if (!configured) throw new HttpError(404, `the ${provider.name} endpoint is off: it has no secret configured`);
  if (request.body.byteLength > deps.config.limits.bodyBytes) {
    throw new HttpError(413, `body of ${request.body.byteLength} bytes is over the limit of ${deps.config.limits.bodyBytes}`);
  }
  const mediaType = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!provider.contentTypes.includes(mediaType)) {
    throw new HttpError(415, `content type "${mediaType}" is not accepted; send ${provider.contentTypes.join(" or ")}`);
  }
  const endpoint: EndpointSettings = {
    secrets: await deps.secrets.resolveAll(configured.secrets),
    ...(configured.registryHost ? { registryHost: configured.registryHost } : {}),
  };
  if (!provider.verify(request, endpoint)) throw new HttpError(401, "missing or invalid credentials");

  const delivery = provider.parse(request, endpoint);
  const jobs: QueuedJob[] = [];
  const ignored = [...delivery.ignored];
  for (const event of delivery.events) {
    const match = matchEvent(event, deps.config, delivery.deliveryId);
    if (match.ignored) ignored.push(match.ignored);
    jobs.push(...match.jobs);
  }
  if (jobs.length > 0) await deps.queue.enqueue(jobs);

  const queued = jobs.map(({ job }) => (job.kind === "image-update" ? { app: job.app, repository: job.repository, tag: job.tag } : { app: job.app }));
  deps.logger.info("delivery accepted", { provider: provider.name, deliveryId: delivery.deliveryId, jobs: queued, ignored });
  if (jobs.length === 0) {
    return { status: 202, body: { status: "ignored", deliveryId: delivery.deliveryId, reasons: ignored } };
  }
  return { status: 202, body: { status: "queued", deliveryId: delivery.deliveryId, jobs: queued, ...(ignored.length ? { ignored } : {}) } };
}
