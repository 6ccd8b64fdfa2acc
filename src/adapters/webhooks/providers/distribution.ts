import * as z from "zod";
import type { ImagePushEvent } from "../../../core/events/internal-event.ts";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { contentHash } from "../delivery-id.ts";
import { bearerMatches } from "./bearer-matches.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { validDigest } from "../../../core/images/digest.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const eventSchema = z.object({
  id: z.string().min(1),
  action: z.string(),
  target: z.object({
    mediaType: z.string().optional(),
    digest: z.string().optional(),
    repository: z.string().min(1),
    tag: z.string().optional(),
  }),
  request: z.object({ host: z.string().optional() }).optional(),
});

const envelopeSchema = z.object({ events: z.array(eventSchema) });

/**
 * CNCF distribution (Docker registry 2.x and 3.x) notifications, and registries that send
 * the same envelope. The registry sends a static header from its config; Sluice expects
 * `Authorization: Bearer <secret>`.
 */
export const distributionProvider: WebhookProvider = {
  name: "distribution",
  label: "CNCF distribution",
  path: "/hooks/registry/distribution",
  contentTypes: [
    "application/vnd.docker.distribution.events.v1+json",
    "application/vnd.docker.distribution.events.v2+json",
    "application/json",
  ],
  expects: "nothing more",

  verify: async (request, endpoint) => bearerMatches(request.headers["authorization"], endpoint.secrets),

  canHandle: () => true,

  parse(request, endpoint): ParsedDelivery {
    const envelope = parseJsonBody(request.body, envelopeSchema);
    const events: ImagePushEvent[] = [];
    const ignored: string[] = [];
    for (const event of envelope.events) {
      const ref = `${event.target.repository}${event.target.tag ? `:${event.target.tag}` : ""}`;
      if (event.action !== "push") {
        ignored.push(`${event.action} event for ${ref}: only pushes deploy`);
        continue;
      }
      if (!event.target.tag) {
        ignored.push(`push of ${event.target.mediaType ?? "an object"} to ${ref} without a tag: not an image tag push`);
        continue;
      }
      const host = endpoint.registryHost ?? event.request?.host;
      if (!host) {
        ignored.push(`push to ${ref} names no registry host; set webhooks.distribution.registryHost`);
        continue;
      }
      const digest = validDigest(event.target.digest);
      events.push({
        kind: "image-push",
        provider: "distribution",
        eventId: event.id,
        repository: normalizeRepository(`${host}/${event.target.repository}`),
        tag: event.target.tag,
        ...(digest ? { digest } : {}),
      });
    }
    const deliveryId = envelope.events.length === 1 && envelope.events[0] ? envelope.events[0].id : contentHash(request.body);
    return { deliveryId, events, ignored };
  },
};
