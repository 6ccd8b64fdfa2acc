import * as z from "zod";
import type { ImagePushEvent } from "../../../core/events/internal-event.ts";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { contentHash } from "../delivery-id.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { pathSecretProvider } from "./path-secret-provider.ts";
import { validDigest } from "../../../core/images/digest.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const bodySchema = z.object({
  repository: z.string().min(1),
  docker_url: z.string().min(1),
  // Quay documents a list of tags; older Quay sent a map of tag to image id.
  updated_tags: z.union([z.array(z.string()), z.record(z.string(), z.string())]),
});

const PATH = "/hooks/registry/quay";

/**
 * Quay (quay.io and Red Hat Quay) "Repository Push" notifications. Quay's webhook sends
 * no credential, so the secret is the last segment of the URL: weaker than a signature.
 */
export const quayProvider: WebhookProvider = pathSecretProvider({
  name: "quay",
  label: "Quay",
  path: PATH,

  parse(request, endpoint): ParsedDelivery {
    const body = parseJsonBody(request.body, bodySchema);
    const id = contentHash(request.body);
    // docker_url is the pull name (quay.io/ns/name); a configured registryHost replaces its host.
    const pulled = normalizeRepository(body.docker_url);
    const repository = endpoint.registryHost ? normalizeRepository(`${endpoint.registryHost}/${body.repository}`) : pulled;
    const tags: [string, string | undefined][] = Array.isArray(body.updated_tags)
      ? body.updated_tags.map((t) => [t, undefined])
      : Object.entries(body.updated_tags);
    const events: ImagePushEvent[] = tags.filter(([tag]) => tag !== "").map(([tag, digest]) => {
      const valid = validDigest(digest);
      return { kind: "image-push", provider: "quay", eventId: id, repository, tag, ...(valid ? { digest: valid } : {}) };
    });
    return { deliveryId: id, events, ignored: events.length ? [] : [`push to ${repository} updated no tag`] };
  },
});
