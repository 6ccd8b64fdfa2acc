import { createHash } from "node:crypto";
import { fakeRegistryHttp, type FakeAnswer } from "../../adapters/registry/fake-registry-http.ts";

/** One tag of a repository; `created` is its image config's build time (newest-pushed orders by it). */
export interface FakeTag {
  readonly tag: string;
  readonly created?: string;
}

/** A repository's tags in the order the registry lists them, or one answer to every request about it. */
export type FakeRepository = readonly FakeTag[] | FakeAnswer;

/** The digest the fake registry gives a tag's manifest (or `config:<tag>` for its config blob). */
export function digestOf(text: string): string {
  return `sha256:${createHash("sha256").update(text).digest("hex")}`;
}

const MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const CONFIG = "application/vnd.docker.container.image.v1+json";

/**
 * A distribution v2 registry on a fake HTTP port, answering tags/list, manifest HEAD and GET
 * (a manifest per tag, by tag or digest) and config blobs; a repository it does not hold is
 * NAME_UNKNOWN, as distribution answers.
 */
export function fakeRegistry(repositories: Record<string, FakeRepository>): { http: FakeRegistryHttp } {
  return { http: fakeRegistryHttp((request) => answer(repositories, request)) };
}

type FakeRegistryHttp = ReturnType<typeof fakeRegistryHttp>;

function answer(repositories: Record<string, FakeRepository>, request: { method: string; url: string }): FakeAnswer {
  const match = /^\/v2\/(.+)\/(tags\/list|manifests|blobs)(?:\/([^/?]+))?/.exec(new URL(request.url).pathname);
  const [, name = "", what, ref = ""] = match ?? [];
  const repository = repositories[name];
  if (repository === undefined) return refusal(404, "NAME_UNKNOWN", "repository name not known to registry");
  if ("status" in repository) return repository;
  if (what === "tags/list") return json({ name, tags: repository.map((t) => t.tag) });
  const reference = decodeURIComponent(ref);
  const known = (t: FakeTag) => [t.tag, digestOf(t.tag), digestOf(`config:${t.tag}`)].includes(reference);
  const tag = repository.find(known);
  if (!tag) return refusal(404, "MANIFEST_UNKNOWN", "manifest unknown");
  if (what === "blobs") return json(tag.created === undefined ? {} : { created: tag.created });
  const config = { mediaType: CONFIG, digest: digestOf(`config:${tag.tag}`), size: 2 };
  const manifest = { schemaVersion: 2, mediaType: MANIFEST, config, layers: [] };
  const body = request.method === "HEAD" ? "" : JSON.stringify(manifest);
  return { status: 200, headers: { "content-type": MANIFEST, "docker-content-digest": digestOf(tag.tag) }, body };
}

function json(body: object): FakeAnswer {
  return { status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}

/** An error answer as distribution writes it. */
export function refusal(status: number, code: string, message: string): FakeAnswer {
  return { status, body: JSON.stringify({ errors: [{ code, message }] }) };
}
