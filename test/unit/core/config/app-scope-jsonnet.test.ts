import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { appScope } from "../../../../src/core/config/app-scope.ts";

const app = (directory: unknown, paths: string[] = []) => {
  const parsed = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.example.com/c.git", path: "apps/web", paths }, render: { directory }, destination: { directory: "/unused", namespace: "web" } }] }).apps[0];
  if (!parsed) throw new Error("no app");
  return parsed;
};

describe("appScope of a jsonnet app", () => {
  it("watches its library folders, as the source digest then hashes them, and not their neighbours", () => {
    // Act
    const scope = appScope(app({ jsonnet: { libs: ["vendor/", "/lib/k8s"] } }, ["common/**"]));

    // Assess
    expect(scope.globs).toEqual(["common/**", "vendor/**", "lib/k8s/**"]);
    expect(["vendor/k.libsonnet", "lib/k8s/deep/x.libsonnet", "apps/web/main.jsonnet", "common/a.yaml"].map((p) => scope.watches(p))).toEqual([true, true, true, true]);
    expect(["vendored/k.libsonnet", "lib/k8s-old/x.libsonnet", "apps/api/main.jsonnet"].map((p) => scope.watches(p))).toEqual([false, false, false]);
  });

  it("adds nothing for a directory app without libs", () => {
    expect(appScope(app({})).globs).toEqual([]);
  });
});
