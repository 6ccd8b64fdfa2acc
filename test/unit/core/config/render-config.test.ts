import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";

const problems = (input: unknown) => {
  const result = configSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const app = (helm: unknown) => ({ name: "web", source: { repo: "https://git.invalid/x.git" }, render: { helm }, destination: { directory: "/d", namespace: "n" } });

describe("render.helm chart sources", () => {
  it("accepts a Helm repository chart with a range, an OCI chart with a version, and kubeVersion", () => {
    // Prepare
    const input = { apps: [
      app({ chart: { repo: "https://charts.example.com/stable", name: "ingress-nginx", version: "^4.11.0" }, valueFiles: ["$values/envs/prod.yaml"] }),
      { ...app({ chart: { repo: "oci://ghcr.io/acme/charts", name: "web", version: "1.2.3" }, kubeVersion: "1.29" }), name: "api" },
    ] };

    // Act
    const parsed = configSchema.parse(input);

    // Assess
    const [web, api] = parsed.apps.map((a) => ("helm" in a.render ? a.render.helm : undefined));
    expect(web?.chart).toEqual({ repo: "https://charts.example.com/stable", name: "ingress-nginx", version: "^4.11.0" });
    expect(web?.valueFiles).toEqual(["$values/envs/prod.yaml"]);
    expect(api?.kubeVersion).toBe("1.29");
  });

  it("lists every problem of a chart source and of helmRepositories, each with its path", () => {
    // Prepare
    const input = {
      helmRepositories: [{ urlPrefix: "ftp://x", username: "u" }, { urlPrefix: "https://a.example.com" }, { urlPrefix: "https://b.example.com", username: "u", password: { env: "P" }, bearer: { env: "T" } }],
      apps: [app({ chart: { repo: "charts.example.com", name: "a b", version: "not a range" }, kubeVersion: "latest" })],
    };

    // Act
    const found = problems(input);

    // Assess
    expect(found).toEqual([
      "helmRepositories.0.urlPrefix: must be an http(s) URL",
      "helmRepositories.0.password: a username needs a password",
      "helmRepositories.1: give username and password, or bearer",
      "helmRepositories.2.bearer: give either username and password or bearer, not both",
      "apps.0.render.helm.kubeVersion: a Kubernetes version such as 1.29 or v1.29.3",
      "apps.0.render.helm.chart.repo: must be an http(s):// Helm repository or an oci:// registry path",
      "apps.0.render.helm.chart.name: a chart name (letters, digits, '.', '_', '-')",
      "apps.0.render.helm.chart.version: must be a version or a semver range",
    ]);
  });

  it("refuses a password written inline instead of a secret reference", () => {
    const found = problems({ helmRepositories: [{ urlPrefix: "https://a.example.com", username: "u", password: "hunter2" }] });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^helmRepositories\.0\.password: a secret must be a reference/);
  });
});

describe("helmRepositories secrets in a config file", () => {
  it("resolve a file: reference against the config's folder, as every other secret", () => {
    const config = parseConfig("helmRepositories:\n  - { urlPrefix: https://charts.example.com, username: u, password: { file: secrets/charts } }\n", "/etc/sluice/sluice.yaml");
    expect(config.helmRepositories[0]?.password).toEqual({ file: "/etc/sluice/secrets/charts" });
  });
});
