import { describe, expect, it } from "vitest";
import { normalizeRepository } from "../../../../src/core/images/normalize-repository.ts";

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

  it("leaves a normalised repository as it is, so normalising twice is harmless", () => {
    expect(normalizeRepository("docker.io/library/nginx")).toBe("docker.io/library/nginx");
  });
});
