import * as z from "zod";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { idOrHash } from "../delivery-id.ts";
import { bearerMatches } from "./bearer-matches.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { validDigest } from "../../../core/images/digest.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const bodySchema = z.object({
  id: z.string().min(1),
  action: z.string(),
  target: z.object({ repository: z.string().nullish(), tag: z.string().nullish(), digest: z.string().nullish(), mediaType: z.string().nullish() }).nullish(),
  request: z.object({ host: z.string().nullish() }).nullish(),
});

/**
 * Azure Container Registry webhooks (`push`). ACR signs nothing; it sends the custom
 * headers configured on the webhook, so Sluice expects `Authorization: Bearer <secret>`.
 */
export const acrProvider: WebhookProvider = {
  name: "acr",
  label: "Azure Container Registry",
  path: "/hooks/registry/acr",
  contentTypes: ["application/json"],
  expects: "nothing more",

  verify: async (request, endpoint) => bearerMatches(request.headers["authorization"], endpoint.secrets),

  canHandle: () => true,

  parse(request, endpoint): ParsedDelivery {
    const body = parseJsonBody(request.body, bodySchema);
    const id = idOrHash(body.id, request.body);
    const target = body.target;
    const ref = `${target?.repository ?? "?"}${target?.tag ? `:${target.tag}` : ""}`;
    if (body.action !== "push") return { deliveryId: id, events: [], ignored: [`${body.action} event for ${ref}: only image pushes deploy`] };
    if (!target?.repository || !target.tag) return { deliveryId: id, events: [], ignored: [`push to ${ref} without a tag: not an image tag push`] };
    const host = endpoint.registryHost ?? body.request?.host;
    if (!host) return { deliveryId: id, events: [], ignored: [`push to ${ref} names no registry host; set webhooks.acr.registryHost`] };
    const digest = validDigest(target.digest);
    return {
      deliveryId: id,
      events: [{ kind: "image-push", provider: "acr", eventId: id, repository: normalizeRepository(`${host}/${target.repository}`), tag: target.tag, ...(digest ? { digest } : {}) }],
      ignored: [],
    };
  },
};
