/**
 * The one digest grammar Sluice accepts, wherever a digest comes from (a webhook, a file, a
 * registry) or goes (a job, a file): `sha256:` and 64 lowercase hex digits, the only digest
 * registries compute for images. Anything else is dropped rather than written to git.
 */
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/** The digest when it is one; `undefined` for anything else. */
export function validDigest(digest: string | null | undefined): string | undefined {
  return digest && DIGEST_PATTERN.test(digest) ? digest : undefined;
}
