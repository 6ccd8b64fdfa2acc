import type { InternalEvent } from "../../../core/events/internal-event.ts";
import type { HttpWebhookName } from "../../../core/config/webhook-config.ts";
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
  /** The endpoint's entry under `webhooks:`, for settings only one provider has (an OIDC audience, a server URL). */
  settings?: Readonly<Record<string, unknown>>;
}

/**
 * One webhook source: how to tell a request came from it, and how to read what it says.
 * Intake calls `verify` on the raw body first, then `canHandle`, then `parse`.
 */
export interface WebhookProvider {
  /** Key under `webhooks:` in the configuration. */
  name: HttpWebhookName;
  /** The sender's name, for people. */
  label: string;
  /** The URL path it answers on. */
  path: string;
  /** The secret is the last path segment (for senders that can neither sign nor send a header). */
  secretInPath?: boolean;
  /** Accepted media types (without parameters). */
  contentTypes: readonly string[];
  /** True when the request carries a valid credential; runs on the raw body, before parsing, in constant time. */
  verify(request: WebhookRequest, endpoint: EndpointSettings): Promise<boolean>;
  /** True when the headers say this is a delivery of the kind this source sends; `expects` says what was missing. */
  canHandle(request: WebhookRequest): boolean;
  expects: string;
  /** Reads a verified body; throws HttpError(400) on a malformed one. */
  parse(request: WebhookRequest, endpoint: EndpointSettings): ParsedDelivery;
}
