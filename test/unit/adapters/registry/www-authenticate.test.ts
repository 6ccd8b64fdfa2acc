import { describe, expect, it } from "vitest";
import { parseWwwAuthenticate } from "../../../../src/adapters/registry/www-authenticate.ts";

describe("parseWwwAuthenticate", () => {
  it("reads Docker Hub's bearer challenge, commas inside quotes included", () => {
    // Act
    const challenges = parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push"');

    // Assess
    expect(challenges).toEqual([{ scheme: "bearer", params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/nginx:pull,push" } }]);
  });

  it("reads several challenges, unquoted values and escapes", () => {
    // Act
    const challenges = parseWwwAuthenticate('Basic realm="Registry \\"R\\"", Bearer realm=https://t.example/token, service=reg');

    // Assess
    expect(challenges).toEqual([
      { scheme: "basic", params: { realm: 'Registry "R"' } },
      { scheme: "bearer", params: { realm: "https://t.example/token", service: "reg" } },
    ]);
  });

  it("gives nothing for an empty header", () => {
    expect(parseWwwAuthenticate("")).toEqual([]);
  });
});
