import * as z from "zod";
import { normalizeRepository } from "../../../core/images/normalize-repository.ts";
import { parseImageRef, type ImageRef } from "../../../core/images/image-ref.ts";
import { deliveryId } from "../delivery-id.ts";
import { hmacSha256Matches, sha256Prefixed } from "../hmac-signature.ts";
import { HttpError } from "../http-error.ts";
import { parseJsonBody } from "./parse-json-body.ts";
import { validDigest } from "../../../core/images/digest.ts";
import type { ParsedDelivery, WebhookProvider } from "./webhook-provider.ts";

/** `{ "image": "registry.example.com/team/app:1.2.3" }` or `{ "repository": …, "tag": … }`, with an optional digest. */
const bodySchema = z.union([
  z.object({ image: z.string().min(1), digest: z.string().optional() }).strict(),
  z.object({ repository: z.string().min(1), tag: z.string().min(1), digest: z.string().optional() }).strict(),
]);

/**
 * A generic signed hook for anything else, such as a CI job after `docker push`:
 * `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, optional `X-Delivery-Id`.
 */
export const genericProvider: WebhookProvider = {
  name: "generic",
  label: "generic HMAC hook",
  path: "/hooks/generic",
  contentTypes: ["application/json"],
  expects: "nothing more",

  verify: async (request, endpoint) => hmacSha256Matches(request.body, sha256Prefixed(request.headers["x-signature"]), endpoint.secrets),

  canHandle: () => true,

  parse(request): ParsedDelivery {
    const body = genericBody(request.body);
    const id = deliveryId(request, "x-delivery-id");
    const ref = "image" in body ? imageOf(body.image) : { repository: normalizeRepository(body.repository), tag: body.tag };
    if (!ref) return { deliveryId: id, events: [], ignored: ["the image is not an image reference"] };
    if (!ref.tag) return { deliveryId: id, events: [], ignored: [`${ref.repository} has no tag: name the tag to deploy`] };
    const digest = validDigest(body.digest ?? ref.digest);
    return { deliveryId: id, events: [{ kind: "image-push", provider: "generic", eventId: id, repository: ref.repository, tag: ref.tag, ...(digest ? { digest } : {}) }], ignored: [] };
  },
};

/** The body in one of its two shapes; anything else is a 400 that names both. */
function genericBody(bytes: Uint8Array): z.infer<typeof bodySchema> {
  const raw = parseJsonBody(bytes, z.unknown());
  const parsed = bodySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const keys = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? Object.keys(raw) : [];
  const found = keys.length ? `found keys ${keys.slice(0, 10).map((k) => JSON.stringify(k)).join(", ")}` : `found ${Array.isArray(raw) ? "an array" : typeof raw}`;
  throw new HttpError(400, 'body is not the expected payload: send {"image": "<repository>:<tag>"} or {"repository": "<repository>", "tag": "<tag>"}, ' +
    `each with an optional "digest" and nothing else; ${found}`);
}

/**
 * `image` as Docker reads it: no tag and no digest means `:latest`. A digest that is not one is
 * dropped, not the push with it.
 */
function imageOf(text: string): ImageRef | undefined {
  const at = text.indexOf("@");
  const named = parseImageRef((at === -1 ? text : text.slice(0, at)).trim());
  const digest = at === -1 ? undefined : text.slice(at + 1).trim();
  if (!named) return undefined;
  return { ...named, ...(named.tag === undefined && digest === undefined ? { tag: "latest" } : {}), ...(digest ? { digest } : {}) };
}
