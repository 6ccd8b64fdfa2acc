import { describe, expect, it } from "vitest";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import { appScope } from "../../../../src/core/config/app-scope.ts";

function app(source: Record<string, unknown>, images: unknown[] = []): AppConfig {
  const parsed = configSchema.parse({ apps: [{ name: "web", source: { repo: "https://git.example.com/c.git", ...source }, render: { directory: {} }, destination: { directory: "/unused", namespace: "web" }, images }] }).apps[0];
  if (!parsed) throw new Error("no app");
  return parsed;
}

describe("appScope", () => {
  it("watches the source path and what is under it, not a neighbour whose name starts the same", () => {
    const scope = appScope(app({ path: "./apps/web/" }));

    expect(scope.root).toBe("apps/web");
    expect(["apps/web", "apps/web/cm.yaml", "./apps/web/sub/x.yaml", "/apps/web/a"].map(scope.watches)).toEqual([true, true, true, true]);
    expect(["apps/webb/cm.yaml", "apps/web-old/cm.yaml", "README.md"].map(scope.watches)).toEqual([false, false, false]);
  });

  it("watches the whole repository for the path `.`", () => {
    const scope = appScope(app({ path: ".", paths: ["common/**"] }));

    expect(scope.root).toBe("");
    expect(scope.watches("anything/at/all.yaml")).toBe(true);
  });

  it("watches what source.paths globs name, dot files included", () => {
    const scope = appScope(app({ path: "apps/web", paths: ["common/**", "env/*.yaml"] }));

    expect(["common/lib.yaml", "common/.hidden", "env/values.yaml"].map(scope.watches)).toEqual([true, true, true]);
    expect(["env/sub/values.yaml", "other/x.yaml"].map(scope.watches)).toEqual([false, false]);
    expect(scope.globbed("apps/web/cm.yaml")).toBe(false);
  });

  it("lists the files images are written to, repo-relative, without watching them for pushes", () => {
    const image = { repository: "r.example.com/web", policy: { semver: "*" }, write: { file: "./env/values.yaml", tag: "tag" } };

    const scope = appScope(app({ path: "apps/web" }, [image]));

    expect(scope.writtenFiles).toEqual(["env/values.yaml"]);
    expect(scope.watches("env/values.yaml")).toBe(false);
  });
});
