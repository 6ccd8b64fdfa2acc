import { normalizeRepository } from "./image-ref.ts";

/** An image reference as written in a file, split into its parts. */
export interface ImageReference {
  /** The repository exactly as written (`nginx`, `ghcr.io/org/app`). */
  readonly name: string;
  /** The repository normalised (`docker.io/library/nginx`). */
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST_PATTERN = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const NAME_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9._\-/:]*$/;

/** Split `name[:tag][@digest]`; `undefined` when the text is not an image reference. */
export function parseImageReference(text: string): ImageReference | undefined {
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
export function formatImageReference(name: string, tag: string, digest?: string): string {
  return digest === undefined ? `${name}:${tag}` : `${name}:${tag}@${digest}`;
}
