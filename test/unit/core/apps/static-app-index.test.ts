import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { staticAppIndex } from "../../../../src/core/apps/static-app-index.ts";

function configWith(names: string[]) {
  return configSchema.parse({
    apps: names.map((name) => ({
      name, source: { repo: "https://git.example.com/c.git" }, render: { directory: {} },
      destination: { directory: "/unused", namespace: name },
    })),
  });
}

describe("staticAppIndex", () => {
  it("indexes every inline app by name, as declared in sluice.yaml", () => {
    const index = staticAppIndex(configWith(["web", "api"]));

    expect(index.entries.map((e) => e.app.name)).toEqual(["web", "api"]);
    expect(index.get("api")).toMatchObject({ definedIn: "sluice.yaml", labels: {} });
    expect(index.get("api")?.appSet).toBeUndefined();
    expect(index.get("nope")).toBeUndefined();
    expect(index.problems).toEqual([]);
  });

  it("has a revision that changes with the apps and only with them", () => {
    const first = staticAppIndex(configWith(["web"])).revision;

    expect(staticAppIndex(configWith(["web"])).revision).toBe(first);
    expect(staticAppIndex(configWith(["web", "api"])).revision).not.toBe(first);
  });
});
