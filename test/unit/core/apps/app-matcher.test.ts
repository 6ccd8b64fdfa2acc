import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { appScope } from "../../../../src/core/config/app-scope.ts";
import { appMatcher } from "../../../../src/core/apps/app-matcher.ts";
import { staticAppIndex } from "../../../../src/core/apps/static-app-index.ts";
import { assertProperty } from "../../property/assert-property.ts";

const REPO = "https://git.example.com/charts.git";
const KEY = "git.example.com/charts";

interface Spec { name: string; branch: string; path: string; paths?: string[]; repo?: string }

function indexOf(specs: Spec[]) {
  const config = configSchema.parse({
    apps: specs.map((s) => ({
      name: s.name, source: { repo: s.repo ?? REPO, branch: s.branch, path: s.path, paths: s.paths ?? [] },
      render: { directory: {} }, destination: { directory: "/unused", namespace: s.name },
    })),
  });
  return { config, index: staticAppIndex(config) };
}

describe("appMatcher", () => {
  it("finds the apps of one branch of a repository, in index order, whatever the other branches hold", () => {
    const { index } = indexOf([
      { name: "web", branch: "main", path: "charts/web" },
      { name: "review-a", branch: "feature/a", path: "charts/web" },
      { name: "api", branch: "main", path: "charts/api" },
      { name: "elsewhere", branch: "main", path: "charts/web", repo: "https://git.example.com/other.git" },
    ]);
    const matcher = appMatcher(index);

    expect(matcher.followingBranch([KEY], "main").map((a) => a.name)).toEqual(["web", "api"]);
    expect(matcher.followingBranch([KEY], "feature/a").map((a) => a.name)).toEqual(["review-a"]);
    expect(matcher.followingBranch([KEY], "feature/b")).toEqual([]);
    expect(matcher.followingRepo([KEY]).map((a) => a.name)).toEqual(["web", "review-a", "api"]);
  });

  it("finds the apps a changed path syncs by their folder, a glob, or the whole repository", () => {
    const { index } = indexOf([
      { name: "web", branch: "main", path: "charts/web" },
      { name: "web2", branch: "main", path: "charts/web2" },
      { name: "api", branch: "main", path: "./charts/api/", paths: ["charts/common/**"] },
      { name: "all", branch: "main", path: "." },
      { name: "review", branch: "feature/a", path: "." },
    ]);
    const touched = (paths: string[]) => [...appMatcher(index).touchedOnBranch([KEY], "main", paths)].map((a) => a.name).sort();

    expect(touched(["charts/web/values.yaml"])).toEqual(["all", "web"]);
    expect(touched(["charts/common/_helpers.tpl", "/charts/web2"])).toEqual(["all", "api", "web2"]);
    expect(touched(["README.md"])).toEqual(["all"]);
  });

  it("touches exactly the apps whose scope watches a changed path", () => {
    const segment = fc.constantFrom("charts", "web", "api", "a", "", ".", "values.yaml");
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join("/"));
    const prefix = fc.constantFrom("", "./", "/");
    const glob = fc.constantFrom("charts/**", "**/values.yaml", "web/*", "api");
    const spec = fc.record({ branch: fc.constantFrom("main", "dev"), path: fc.tuple(prefix, path).map(([p, rest]) => `${p}${rest}`), paths: fc.array(glob, { maxLength: 2 }) })
      .map((s) => ({ ...s, path: s.path || "." }));
    assertProperty(fc.property(fc.array(spec, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(prefix, path).map(([p, rest]) => `${p}${rest}`), { maxLength: 4 }), (specs, changed) => {
      const { config, index } = indexOf(specs.map((s, i) => ({ ...s, name: `app-${i}` })));

      const touched = appMatcher(index).touchedOnBranch([KEY], "main", changed);

      const expected = config.apps.filter((app) => app.source.branch === "main" && changed.some((p) => appScope(app).watches(p)));
      expect([...touched].map((a) => a.name).sort()).toEqual(expected.map((a) => a.name).sort());
    }), { numRuns: 300 });
  });
});
