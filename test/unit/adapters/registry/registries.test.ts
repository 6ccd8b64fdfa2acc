import { describe, expect, it } from "vitest";
import { Registries } from "../../../../src/adapters/registry/registries.ts";
import { registriesConfigSchema } from "../../../../src/core/config/registry-config.ts";
import type { SecretRef } from "../../../../src/core/config/secret-ref.ts";
import { fakeClock, fakeRegistryHttp } from "./fake-registry-http.ts";

function registries(config: unknown, http = fakeRegistryHttp(() => ({ status: 200, body: '{"name":"x","tags":[]}' }))) {
  const secrets = { resolve: (ref: SecretRef) => Promise.resolve("env" in ref ? `value-of-${ref.env}` : "?") };
  return { http, registries: new Registries(registriesConfigSchema.parse(config), { http, secrets, clock: fakeClock() }) };
}

describe("Registries", () => {
  it("sends Docker Hub names to registry-1.docker.io and loopback registries over plain HTTP", async () => {
    // Prepare
    const { http, registries: r } = registries([]);

    // Act
    await r.for("docker.io/library/nginx").client?.listTags(r.for("docker.io/library/nginx").name);
    await r.for("127.0.0.1:5000/team/app").client?.listTags("team/app");
    await r.for("ghcr.io/acme/web").client?.listTags("acme/web");

    // Assess
    expect(http.requests.map((q) => q.url)).toEqual([
      "https://registry-1.docker.io/v2/library/nginx/tags/list?n=1000",
      "http://127.0.0.1:5000/v2/team/app/tags/list?n=1000",
      "https://ghcr.io/v2/acme/web/tags/list?n=1000",
    ]);
  });

  it("uses a configured URL, page size and credentials, and never calls a registry whose lookup is off", async () => {
    // Prepare
    const { http, registries: r } = registries([
      { host: "registry.example.com", url: "https://mirror.example.com/", pageSize: 50, credentials: { bearer: { env: "TOKEN" } } },
      { host: "registry.example.local", lookup: false },
    ]);

    // Act
    await r.for("registry.example.com/team/app").client?.listTags("team/app");
    const offline = r.for("registry.example.local/demo/web");

    // Assess
    expect(http.requests).toEqual([{ method: "GET", url: "https://mirror.example.com/v2/team/app/tags/list?n=50", headers: { authorization: "Bearer value-of-TOKEN" } }]);
    expect(offline).toEqual({ client: undefined, name: "demo/web" });
  });

  it("shares one client (tokens, budget) per host", () => {
    const { registries: r } = registries([]);
    expect(r.for("ghcr.io/a/b").client).toBe(r.for("ghcr.io/c/d").client);
  });
});

describe("registriesConfigSchema", () => {
  it("refuses inline secrets, duplicate hosts and ECR without a region to use", () => {
    // Act
    const inline = registriesConfigSchema.safeParse([{ host: "ghcr.io", credentials: { username: "bot", password: "inline" } }]);
    const duplicate = registriesConfigSchema.safeParse([{ host: "ghcr.io" }, { host: "GHCR.io" }]);
    const ecr = registriesConfigSchema.safeParse([{ host: "registry.example.com", credentials: { ecr: {} } }]);

    // Assess
    expect(inline.error?.issues.map((i) => i.path.join("."))).toEqual(["0.credentials"]);
    expect(duplicate.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(['1.host: duplicate registry host "GHCR.io"']);
    expect(ecr.error?.issues.map((i) => i.path.join("."))).toEqual(["0.credentials.ecr.region"]);
  });
});
