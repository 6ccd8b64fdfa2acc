import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { endpointUrls } from "../../../../src/jobs/intake/endpoint-urls.ts";

describe("endpointUrls", () => {
  it("lists only the endpoints that are on, hiding path secrets", () => {
    const config = parseConfig(`
webhooks:
  github: { secrets: [{ env: GH }] }
  dockerhub: { secrets: [{ env: DH }] }
`, "x.yaml");

    const urls = endpointUrls(config, "http://127.0.0.1:8787");

    expect(urls.map((u) => u.provider).sort()).toEqual(["dockerhub", "github"]);
    expect(urls.find((u) => u.provider === "dockerhub")?.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/hooks\/.+\/<path secret>$/);
    expect(urls.find((u) => u.provider === "github")?.url).toMatch(/^http:\/\/127\.0\.0\.1:8787\/hooks\//);
  });
});
