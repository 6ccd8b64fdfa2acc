import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { readDefinitionsFile } from "../../../../src/engine/appsets/read-definitions-file.ts";

const config = parseConfig("webhooks: {}\n", "sluice.yaml");
const app = (name: string, path = "charts/web") => `
  - name: ${name}
    source: { repo: https://git.example/charts.git, path: ${path} }
    render: { directory: {} }
    destination: { directory: /unused, namespace: ${name} }`;
const FILE = "https://git.example/apps.git@main:apps.yaml";

describe("readDefinitionsFile read again", () => {
  it("gives what a first read gives, in entries of its own, for an unchanged file", () => {
    const text = `apps:${app("web")}${app("broken", "")}\n`;
    const first = readDefinitionsFile(FILE, text, config);

    const again = readDefinitionsFile(FILE, text, config);

    expect(again).toEqual(first);
    expect(again.apps.map((e) => e.app.name)).toEqual(["web"]);
    expect(again.broken).toEqual(["broken"]);
    expect(again.problems).toHaveLength(1);
    // An index may keep, compare and replace its entries without touching another index's.
    expect(again.apps[0]).not.toBe(first.apps[0]);
    expect(again.problems).not.toBe(first.problems);
  });

  it("reads a changed file anew, and the first text again after it", () => {
    const before = `apps:${app("web")}\n`;
    const after = `apps:${app("web", "charts/web2")}${app("api")}\n`;
    readDefinitionsFile(FILE, before, config);

    const changed = readDefinitionsFile(FILE, after, config);
    const back = readDefinitionsFile(FILE, before, config);

    expect(changed.apps.map((e) => [e.app.name, e.app.source.path])).toEqual([["web", "charts/web2"], ["api", "charts/web"]]);
    expect(back.apps.map((e) => [e.app.name, e.app.source.path])).toEqual([["web", "charts/web"]]);
  });

  it("keeps the problems' file as each caller names it", () => {
    const text = "apps: [ {\n";

    const a = readDefinitionsFile("a.yaml", text, config);
    const b = readDefinitionsFile("b.yaml", text, config);

    expect(a.problems.map((p) => p.file)).toEqual(["a.yaml"]);
    expect(b.problems.map((p) => p.file)).toEqual(["b.yaml"]);
  });
});
