import * as z from "zod";
import { validDigest } from "../../../core/images/digest.ts";
import { parseImageRef } from "../../../core/images/image-ref.ts";
import { idOrHash } from "../delivery-id.ts";
import { HttpError } from "../http-error.ts";
import { oidcTokenValid } from "../oidc-token.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const pushSchema = z.object({
  message: z
    .object({ data: z.string().min(1), messageId: z.string().optional(), message_id: z.string().optional() })
    .loose(),
  subscription: z.string().optional(),
});
/** Artifact Registry's notification on the `gcr` topic. */
const notificationSchema = z.object({ action: z.string(), digest: z.string().optional(), tag: z.string().optional() });

/**
 * Google Artifact Registry (and Container Registry), through a Pub/Sub push subscription on
 * the `gcr` topic. Pub/Sub signs each push with an OIDC token (`Authorization: Bearer`) from
 * Google; Sluice checks its signature against Google's keys, its issuer, its audience and,
 * when configured, the subscription's service account. There is no shared secret.
 */
export const garProvider: WebhookProvider = {
  name: "gar",
  label: "Google Artifact Registry (Pub/Sub push)",
  path: "/hooks/registry/gar",
  contentTypes: ["application/json"],
  expects: "nothing more",

  verify: async (request, endpoint) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers["authorization"]?.trim() ?? "")?.[1];
    const settings = endpoint.settings ?? {};
    const { audience, issuer, jwksUrl, serviceAccountEmail } = settings;
    if (!token || typeof audience !== "string" || typeof issuer !== "string" || typeof jwksUrl !== "string")
      return false;
    return oidcTokenValid(token, {
      audience,
      issuer,
      jwksUrl,
      ...(typeof serviceAccountEmail === "string" ? { email: serviceAccountEmail } : {}),
    });
  },

  canHandle: () => true,

  parse(request): ParsedDelivery {
    const push = parseJsonBody(request.body, pushSchema);
    const id = idOrHash(push.message.messageId ?? push.message.message_id, request.body);
    const data = parseJsonBody(Buffer.from(push.message.data, "base64"), notificationSchema);
    if (data.action !== "INSERT")
      return { deliveryId: id, events: [], ignored: [`${data.action} notification: only INSERT (a push) deploys`] };
    if (!data.tag)
      return {
        deliveryId: id,
        events: [],
        ignored: [`push of ${data.digest ?? "?"} without a tag: not an image tag push`],
      };
    const ref = parseImageRef(data.tag);
    if (!ref?.tag)
      throw new HttpError(
        400,
        `body is not the expected payload: tag ${JSON.stringify(data.tag)} is not an image reference with a tag`,
      );
    const digest = validDigest(data.digest?.slice(data.digest.indexOf("@") + 1));
    return {
      deliveryId: id,
      events: [
        {
          kind: "image-push",
          provider: "gar",
          eventId: id,
          repository: ref.repository,
          tag: ref.tag,
          ...(digest ? { digest } : {}),
        },
      ],
      ignored: [],
    };
  },
};
