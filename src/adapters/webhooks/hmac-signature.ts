import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * True when `hexSignature` is the HMAC-SHA256 of `body` under one of `secrets`. Runs on the
 * raw bytes, compares in constant time and tries every secret, so timing tells neither
 * which secret matched nor how much of the signature was right.
 */
export function hmacSha256Matches(body: Uint8Array, hexSignature: string | undefined, secrets: readonly string[]): boolean {
  if (hexSignature === undefined || !/^[0-9a-fA-F]{64}$/.test(hexSignature.trim())) return false;
  const given = Buffer.from(hexSignature.trim(), "hex");
  let match = false;
  for (const secret of secrets) {
    match = timingSafeEqual(given, createHmac("sha256", secret).update(body).digest()) || match;
  }
  return match;
}

/** The hex digest after a `sha256=` prefix, as GitHub, Bitbucket and the generic hook send it. */
export function sha256Prefixed(header: string | undefined): string | undefined {
  const value = header?.trim();
  return value?.toLowerCase().startsWith("sha256=") ? value.slice(7) : undefined;
}
