import { secretEquals } from "../secret-equals.ts";

/**
 * The shortest secret a path segment may be: 32 random bytes written as base64url (43
 * characters) or hex (64). Path secrets end up in access logs and sender settings, so they
 * must at least be unguessable.
 */
export const MIN_PATH_SECRET_LENGTH = 43;

/** True when the last segment of `path`, under `base`, is one of the secrets. */
export function pathSecretMatches(path: string, base: string, secrets: readonly string[]): boolean {
  if (!path.startsWith(`${base}/`)) return false;
  const segment = path.slice(base.length + 1).replace(/\/+$/, "");
  if (segment.length < MIN_PATH_SECRET_LENGTH || segment.includes("/")) return false;
  return secretEquals(segment, secrets);
}
