import * as z from "zod";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { contentHash } from "../delivery-id.ts";
import { hmacSha256Matches } from "../hmac-signature.ts";
import { secretEquals } from "../secret-equals.ts";
import { validDigest } from "../../../core/images/digest.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

const bodySchema = z.object({
  domain: z.string(),
  event_type: z.string(),
  jpd_origin: z.string().optional(),
  data: z
    .object({
      repo_key: z.string().min(1),
      image_name: z.string().min(1),
      tag: z.string().min(1),
      sha256: z.string().optional(),
    })
    .loose(),
});

/**
 * JFrog Artifactory: the Docker domain's "pushed" event. The webhook's secret token comes in
 * `X-JFrog-Event-Auth`, as it is or, with payload signing on, as the hex HMAC-SHA256 of the body.
 * The image is `<registryHost>/<image_name>` when `registryHost` is set (a repository behind a
 * subdomain or port, `acme.jfrog.io/docker-local`), else `<host of jpd_origin>/<repo_key>/<image_name>`,
 * Artifactory's repository path method.
 */
export const artifactoryProvider: WebhookProvider = {
  name: "artifactory",
  label: "JFrog Artifactory",
  path: "/hooks/registry/artifactory",
  contentTypes: ["application/json"],
  expects: "nothing more",

  verify: async (request, endpoint) => {
    const header = request.headers["x-jfrog-event-auth"]?.trim();
    if (!header) return false;
    // Both forms are checked every time, so timing does not tell which one the webhook uses.
    const signed = hmacSha256Matches(request.body, header, endpoint.secrets);
    const plain = secretEquals(header, endpoint.secrets);
    return signed || plain;
  },

  canHandle: () => true,

  parse(request, endpoint): ParsedDelivery {
    const body = parseJsonBody(request.body, bodySchema);
    const id = contentHash(request.body);
    if (body.domain !== "docker" || body.event_type !== "pushed") {
      return {
        deliveryId: id,
        events: [],
        ignored: [`${body.domain} ${body.event_type} event: only Docker pushes deploy`],
      };
    }
    const { data } = body;
    const origin = body.jpd_origin && URL.canParse(body.jpd_origin) ? new URL(body.jpd_origin).host : undefined;
    const prefix = endpoint.registryHost ?? (origin ? `${origin}/${data.repo_key}` : undefined);
    if (!prefix)
      return {
        deliveryId: id,
        events: [],
        ignored: [
          `push of ${data.image_name}:${data.tag} names no registry host; set webhooks.artifactory.registryHost`,
        ],
      };
    const digest = validDigest(data.sha256 ? `sha256:${data.sha256}` : undefined);
    const repository = normalizeRepository(`${prefix}/${data.image_name}`);
    return {
      deliveryId: id,
      events: [
        {
          kind: "image-push",
          provider: "artifactory",
          eventId: id,
          repository,
          tag: data.tag,
          ...(digest ? { digest } : {}),
        },
      ],
      ignored: [],
    };
  },
};
