import * as z from "zod";
import type { ImagePushEvent } from "../../../core/events/internal-event.ts";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { parseImageRef } from "../../../core/images/image-ref.ts";
import { contentHash } from "../delivery-id.ts";
import { secretEquals } from "../secret-equals.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { validDigest } from "../../../core/images/digest.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const bodySchema = z.object({
  type: z.string(),
  occur_at: z.number().optional(),
  event_data: z.object({
    resources: z.array(z.object({
      digest: z.string().nullish(),
      tag: z.string().nullish(),
      resource_url: z.string().nullish(),
    })).default([]),
    repository: z.object({ repo_full_name: z.string().min(1) }),
  }),
});

/**
 * Harbor: `PUSH_ARTIFACT` in Harbor's default payload format. Harbor sends the webhook's
 * "Auth Header" verbatim as `Authorization`; Sluice accepts `Bearer <secret>` or the bare secret.
 */
export const harborProvider: WebhookProvider = {
  name: "harbor",
  label: "Harbor",
  path: "/hooks/registry/harbor",
  contentTypes: ["application/json"],
  expects: "nothing more",

  verify: async (request, endpoint) => {
    const header = request.headers["authorization"]?.trim();
    if (!header) return false;
    const bare = header.replace(/^Bearer\s+/i, "");
    // Both forms are checked every time, so timing does not tell which one the sender used.
    const asBearer = secretEquals(bare, endpoint.secrets);
    const asIs = secretEquals(header, endpoint.secrets);
    return asBearer || asIs;
  },

  canHandle: () => true,

  parse(request, endpoint): ParsedDelivery {
    const body = parseJsonBody(request.body, bodySchema);
    // Harbor sends no delivery id; its body carries the time of the event, so a hash of it identifies one push.
    const id = contentHash(request.body);
    if (body.type !== "PUSH_ARTIFACT") return { deliveryId: id, events: [], ignored: [`${body.type} event: only PUSH_ARTIFACT deploys`] };
    const path = body.event_data.repository.repo_full_name;
    const events: ImagePushEvent[] = [];
    const ignored: string[] = [];
    for (const resource of body.event_data.resources) {
      if (!resource.tag) {
        ignored.push(`push of ${path}@${resource.digest ?? "?"} without a tag: not an image tag push`);
        continue;
      }
      const host = endpoint.registryHost ?? (resource.resource_url ? parseImageRef(resource.resource_url.trim())?.repository.split("/")[0] : undefined);
      if (!host || host === "docker.io") {
        ignored.push(`push to ${path}:${resource.tag} names no registry host; set webhooks.harbor.registryHost`);
        continue;
      }
      const digest = validDigest(resource.digest);
      events.push({ kind: "image-push", provider: "harbor", eventId: id, repository: normalizeRepository(`${host}/${path}`), tag: resource.tag, ...(digest ? { digest } : {}) });
    }
    return { deliveryId: id, events, ignored };
  },
};
