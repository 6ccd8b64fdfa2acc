import type { InternalEvent } from "../../events/internal-event.ts";
import type { WebhookRequest } from "../webhook-request.ts";

/** What one delivery turned into: events to match, and the reasons anything in it was ignored. */
export interface ParsedDelivery {
  deliveryId: string;
  events: InternalEvent[];
  ignored: string[];
}

/** Settings of one configured endpoint, with its secrets already resolved. */
export interface EndpointSettings {
  secrets: readonly string[];
  registryHost?: string;
}

/** One webhook source: how to check a request came from it, and how to read what it says. */
export interface WebhookProvider {
  /** Key under `webhooks:` in the configuration, and the last segment of its URL. */
  name: string;
  /** The URL path it answers on. */
  path: string;
  /** Accepted media types (without parameters). */
  contentTypes: readonly string[];
  /** True when the request carries a valid credential; runs on the raw body, before parsing. */
  verify(request: WebhookRequest, endpoint: EndpointSettings): boolean;
  /** Reads a verified body; throws HttpError(400) on a malformed one. */
  parse(request: WebhookRequest, endpoint: EndpointSettings): ParsedDelivery;
}
