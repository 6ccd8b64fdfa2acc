import { secretEquals } from "../secret-equals.ts";

/** True when an `Authorization: Bearer <secret>` header carries one of the secrets. */
export function bearerMatches(header: string | undefined, secrets: readonly string[]): boolean {
  const token = /^Bearer\s+(\S.*)$/i.exec(header?.trim() ?? "")?.[1];
  return token !== undefined && secretEquals(token, secrets);
}
