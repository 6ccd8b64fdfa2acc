import * as z from "zod";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { contentHash } from "../delivery-id.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { pathSecretProvider } from "./path-secret-provider.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const bodySchema = z.object({
  push_data: z.object({ tag: z.string().nullish(), pushed_at: z.number().optional() }),
  repository: z.object({ repo_name: z.string().min(1) }),
});

const PATH = "/hooks/registry/dockerhub";

/**
 * Docker Hub repository webhooks. Docker Hub can neither sign nor send a header, so the
 * secret is the last segment of the URL: weaker than a signature, and documented as such.
 */
export const dockerhubProvider: WebhookProvider = pathSecretProvider({
  name: "dockerhub",
  label: "Docker Hub",
  path: PATH,

  parse(request): ParsedDelivery {
    const body = parseJsonBody(request.body, bodySchema);
    // No delivery id from Docker Hub; the body carries the push time, so its hash identifies the push.
    const id = contentHash(request.body);
    const repository = normalizeRepository(`docker.io/${body.repository.repo_name}`);
    const tag = body.push_data.tag;
    if (!tag) return { deliveryId: id, events: [], ignored: [`push to ${repository} without a tag: not an image tag push`] };
    return { deliveryId: id, events: [{ kind: "image-push", provider: "dockerhub", eventId: id, repository, tag }], ignored: [] };
  },
});
