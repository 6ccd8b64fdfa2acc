/** A parsed image reference: normalised repository plus optional tag and digest. */
export interface ImageRef {
  /** Registry host and path, normalised: `nginx` is `docker.io/library/nginx`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Every name Docker Hub answers to; references to any of them mean the same image. */
const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com"]);

/**
 * Parses `[host[:port]/]path[:tag][@digest]` the way Docker does, normalising the
 * repository; a reference with neither tag nor digest means `:latest`, as it does to Docker.
 */
export function parseImageRef(reference: string): ImageRef {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (!tag && !digest) tag = "latest";
  return { repository: normalizeRepository(rest), ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/**
 * Normalises a repository name (no tag) so that every spelling of one repository compares
 * equal: scheme and trailing slashes dropped, case folded, Docker Hub's aliases and
 * implicit `library/` resolved, and the HTTPS default port dropped.
 */
export function normalizeRepository(name: string): string {
  const parts = name.trim().replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "").split("/");
  const first = parts[0] ?? "";
  const hasHost = parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost");
  let host = hasHost ? first.toLowerCase().replace(/:443$/, "") : "docker.io";
  const path = (hasHost ? parts.slice(1) : parts).join("/").toLowerCase();
  if (DOCKER_HUB_ALIASES.has(host)) host = "docker.io";
  if (host === "docker.io" && !path.includes("/")) return `docker.io/library/${path}`;
  return `${host}/${path}`;
}
