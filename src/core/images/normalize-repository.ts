/** Every name Docker Hub answers to; references to any of them mean the same image. */
const DOCKER_HUB_ALIASES = new Set(["docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "hub.docker.com"]);

/**
 * Normalises a repository name (no tag) so that every spelling of one repository compares
 * equal: scheme and trailing slashes dropped, case folded, Docker Hub's aliases and
 * implicit `library/` resolved, and the HTTPS default port dropped. Config is normalised with
 * it when loaded and events when parsed; elsewhere repositories compare as they are.
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
