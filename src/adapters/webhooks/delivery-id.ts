import { createHash } from "node:crypto";

/** Characters SQS FIFO allows in a deduplication id; a sender's id is used only when it fits. */
const SAFE = /^[\x21-\x7e]{1,128}$/;

/**
 * The sender's delivery id from the first of `headers` present, or a hash of the body when
 * there is none: a retry of the same delivery then gets the same id either way.
 */
export function deliveryId(request: { headers: Readonly<Record<string, string | undefined>>; body: Uint8Array }, ...headers: string[]): string {
  for (const name of headers) {
    const value = request.headers[name]?.trim();
    if (value && SAFE.test(value)) return value;
  }
  return contentHash(request.body);
}

/** `id` when it is usable as a delivery id, else a hash of the body. */
export function idOrHash(id: string | undefined, body: Uint8Array): string {
  const value = id?.trim();
  return value && SAFE.test(value) ? value : contentHash(body);
}

/** A short hash of a body, for deliveries the sender gives no id. */
export function contentHash(body: Uint8Array): string {
  return `sha256-${createHash("sha256").update(body).digest("hex").slice(0, 32)}`;
}
