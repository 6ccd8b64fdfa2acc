import { describe, expect, it } from "vitest";
import { normalizeRepository, parseImageRef } from "../../../src/images/image-ref.ts";

describe("normalizeRepository", () => {
  it.each([
    ["nginx", "docker.io/library/nginx"],
    ["library/nginx", "docker.io/library/nginx"],
    ["docker.io/nginx", "docker.io/library/nginx"],
    ["index.docker.io/library/nginx", "docker.io/library/nginx"],
    ["registry-1.docker.io/acme/web", "docker.io/acme/web"],
    ["acme/web", "docker.io/acme/web"],
    ["GHCR.io/Acme/Web", "ghcr.io/acme/web"],
    ["localhost/team/app", "localhost/team/app"],
    ["127.0.0.1:5000/team/app", "127.0.0.1:5000/team/app"],
    ["https://registry.example.com/team/app/", "registry.example.com/team/app"],
  ])("%s is %s", (input, expected) => {
    expect(normalizeRepository(input)).toBe(expected);
  });
});

describe("parseImageRef", () => {
  it("splits tag and digest, keeping a registry port", () => {
    expect(parseImageRef("127.0.0.1:5000/team/app:1.2.3@sha256:abc")).toEqual({ repository: "127.0.0.1:5000/team/app", tag: "1.2.3", digest: "sha256:abc" });
  });
  it("leaves the tag out when there is none", () => {
    expect(parseImageRef("127.0.0.1:5000/team/app")).toEqual({ repository: "127.0.0.1:5000/team/app" });
    expect(parseImageRef("nginx:1.27")).toEqual({ repository: "docker.io/library/nginx", tag: "1.27" });
  });
});
