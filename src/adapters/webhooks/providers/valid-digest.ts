// The OCI image spec's digest grammar: algorithm ":" encoded.
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

/** The digest when it is one by the OCI grammar; anything else is dropped rather than written to git. */
export function validDigest(digest: string | null | undefined): string | undefined {
  return digest && DIGEST.test(digest) ? digest : undefined;
}
