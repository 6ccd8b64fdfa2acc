import { createHash, timingSafeEqual } from "node:crypto";

const digest = (value: string | Uint8Array): Buffer => createHash("sha256").update(value).digest();

/**
 * True when `presented` equals one of `secrets`. Compares fixed-length digests in
 * constant time and checks every secret, so timing tells neither which nor how much matched.
 */
export function secretEquals(presented: string, secrets: readonly string[]): boolean {
  const given = digest(presented);
  let match = false;
  for (const secret of secrets) match = timingSafeEqual(given, digest(secret)) || match;
  return match;
}
