import { describe, expect, it } from "vitest";
import { normalizeRepository, parseImageRef } from "../../../../src/core/images/image-ref.ts";

describe("normalizeRepository", () => {
  it.each([
    ["nginx", "docker.io/library/nginx"],
    ["library/nginx", "docker.io/library/nginx"],
    ["docker.io/nginx", "docker.io/library/nginx"],
    ["index.docker.io/library/nginx", "docker.io/library/nginx"],
    ["registry-1.docker.io/acme/web", "docker.io/acme/web"],
    ["registry.hub.docker.com/acme/web", "docker.io/acme/web"],
    ["acme/web", "docker.io/acme/web"],
    ["GHCR.io/Acme/Web", "ghcr.io/acme/web"],
    ["localhost/team/app", "localhost/team/app"],
    ["127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app"],
    ["registry.example.com:443/team/app", "registry.example.com/team/app"],
    ["https://registry.example.com/team/app/", "registry.example.com/team/app"],
  ])("%s is %s", (input, expected) => {
    expect(normalizeRepository(input)).toBe(expected);
  });
});

describe("parseImageRef", () => {
  it("splits tag and digest, keeping a registry port", () => {
    expect(parseImageRef("127.0.0.1:5000/team/app:1.2.3@sha256:abc")).toEqual({ repository: "127.0.0.1:5000/team/app", tag: "1.2.3", digest: "sha256:abc" });
  });
  it("reads a reference without a tag as :latest, as Docker does", () => {
    expect(parseImageRef("nginx")).toEqual({ repository: "docker.io/library/nginx", tag: "latest" });
    expect(parseImageRef("127.0.0.1:5000/team/app")).toEqual({ repository: "127.0.0.1:5000/team/app", tag: "latest" });
    expect(parseImageRef("nginx:1.27")).toEqual({ repository: "docker.io/library/nginx", tag: "1.27" });
  });
  it("leaves the tag out of a reference pinned by digest alone", () => {
    expect(parseImageRef("nginx@sha256:abc")).toEqual({ repository: "docker.io/library/nginx", digest: "sha256:abc" });
  });
});
