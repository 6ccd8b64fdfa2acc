import { DIGEST_PATTERN } from "./digest.ts";
import { normalizeRepository } from "./normalize-repository.ts";

/** An image reference: a repository, and the tag and digest when known. */
export interface ImageRef {
  /** Registry host and path, normalised: `nginx` is `docker.io/library/nginx`. */
  readonly repository: string;
  /** The repository as a person wrote it (`nginx`), for messages and for writing back. */
  readonly name?: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:]*$/;

/**
 * Splits `name[:tag][@digest]` the way Docker does, normalising the repository and keeping
 * the name as written; `undefined` when the text is not an image reference.
 */
export function parseImageRef(text: string): (ImageRef & { readonly name: string }) | undefined {
  const at = text.indexOf("@");
  const digest = at === -1 ? undefined : text.slice(at + 1);
  const rest = at === -1 ? text : text.slice(0, at);
  const colon = rest.lastIndexOf(":");
  const hasTag = colon > rest.lastIndexOf("/");
  const tag = hasTag ? rest.slice(colon + 1) : undefined;
  const name = hasTag ? rest.slice(0, colon) : rest;
  if (!NAME_PATTERN.test(name) || name.endsWith("/")) return undefined;
  if (tag !== undefined && !TAG_PATTERN.test(tag)) return undefined;
  if (digest !== undefined && !DIGEST_PATTERN.test(digest)) return undefined;
  return {
    name,
    repository: normalizeRepository(name),
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/** `name:tag` or `name:tag@digest`. */
export function formatImageRef(name: string, tag: string, digest?: string): string {
  return digest === undefined ? `${name}:${tag}` : `${name}:${tag}@${digest}`;
}
