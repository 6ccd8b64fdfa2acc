import type { ImagePushEvent } from "../../../core/events/internal-event.ts";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { parseImageRef } from "../../../core/images/image-ref.ts";
import { idOrHash } from "../delivery-id.ts";
import { secretEquals } from "../secret-equals.ts";
import { validDigest } from "../../../core/images/digest.ts";
import { harborPayload, type HarborEventData } from "./harbor-payload.ts";
import type { EndpointSettings, ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

/**
 * Harbor: `PUSH_ARTIFACT` in Harbor's Default payload format, or `harbor.artifact.pushed` in
 * its CloudEvents format. Harbor sends the webhook's "Auth Header" verbatim as
 * `Authorization`; Sluice accepts `Bearer <secret>` or the bare secret.
 */
export const harborProvider: WebhookProvider = {
  name: "harbor",
  label: "Harbor",
  path: "/hooks/registry/harbor",
  contentTypes: ["application/json", "application/cloudevents+json"],
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
    const payload = harborPayload(request.body);
    // The Default format has no delivery id; its body carries the time of the event, so a hash of it identifies one push.
    const id = idOrHash(payload.id, request.body);
    if (payload.type !== "PUSH_ARTIFACT")
      return { deliveryId: id, events: [], ignored: [`${payload.type} event: only PUSH_ARTIFACT deploys`] };
    return { deliveryId: id, ...pushes(payload.data, id, endpoint) };
  },
};

function pushes(
  data: HarborEventData,
  id: string,
  endpoint: EndpointSettings,
): Pick<ParsedDelivery, "events" | "ignored"> {
  const path = data.repository.repo_full_name;
  const events: ImagePushEvent[] = [];
  const ignored: string[] = [];
  for (const resource of data.resources) {
    // Harbor 2.8+ reports a push by digest with the digest as its "tag" and host/repo@sha256:… as its URL.
    const byDigest = resource.tag?.startsWith("sha256:") || resource.resource_url?.includes("@");
    if (!resource.tag || byDigest) {
      ignored.push(`push of ${path}@${resource.digest ?? "?"} without a tag: not an image tag push`);
      continue;
    }
    const host =
      endpoint.registryHost ??
      (resource.resource_url ? parseImageRef(resource.resource_url.trim())?.repository.split("/")[0] : undefined);
    if (!host || host === "docker.io") {
      ignored.push(`push to ${path}:${resource.tag} names no registry host; set webhooks.harbor.registryHost`);
      continue;
    }
    const digest = validDigest(resource.digest);
    events.push({
      kind: "image-push",
      provider: "harbor",
      eventId: id,
      repository: normalizeRepository(`${host}/${path}`),
      tag: resource.tag,
      ...(digest ? { digest } : {}),
    });
  }
  return { events, ignored };
}
