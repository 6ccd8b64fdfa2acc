import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";

const problems = (input: unknown) => {
  const result = configSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};
const app = (name: string, helm: unknown) => ({ name, source: { repo: "https://git.invalid/x.git" }, render: { helm }, destination: { directory: "/d", namespace: "n" } });
const chart = { repo: "https://charts.example.com", name: "ingress-nginx" };

describe("chart version updates in the configuration", () => {
  it("accepts an exact chart version with an update range, and Chart.yaml dependencies to update", () => {
    // Prepare
    const input = { apps: [
      app("ingress", { chart: { ...chart, version: "4.11.2", update: { semver: "^4.11.0" } } }),
      app("web", { dependencyUpdates: [{ name: "db", semver: ">=0.1,<0.2" }] }),
    ] };

    // Act
    const parsed = configSchema.parse(input);

    // Assess
    const [ingress, web] = parsed.apps.map((a) => ("helm" in a.render ? a.render.helm : undefined));
    expect(ingress?.chart?.update).toEqual({ semver: "^4.11.0" });
    expect(web?.dependencyUpdates).toEqual([{ name: "db", semver: ">=0.1,<0.2" }]);
  });

  it("lists every problem with its path: a range as the version to write, a bad range, dependencies of a repository chart, a name twice", () => {
    // Prepare
    const input = { apps: [
      app("ingress", { chart: { ...chart, version: "^4.11.0", update: { semver: "four" } } }),
      app("remote", { chart: { ...chart, version: "1.0.0" }, dependencyUpdates: [{ name: "db", semver: "~1" }] }),
      app("web", { dependencyUpdates: [{ name: "db", semver: "~1" }, { name: "db", semver: "~2" }, { name: "", semver: "~1" }] }),
    ] };

    // Act
    const found = problems(input);

    // Assess
    expect(found).toEqual([
      "apps.0.render.helm.chart.update.semver: must be a semver range: ^4.11.0, ~0.1.0, >=1.0 <2.0",
      "apps.0.render.helm.chart.version: with update, version is the exact version Sluice writes (such as 1.2.3), not \"^4.11.0\"",
      "apps.1.render.helm.dependencyUpdates: a chart from a repository has no Chart.yaml in git to update; use chart.update",
      "apps.2.render.helm.dependencyUpdates.2.name: Too small: expected string to have >=1 characters",
      "apps.2.render.helm.dependencyUpdates.1.name: dependency db is listed twice",
    ]);
  });
});
