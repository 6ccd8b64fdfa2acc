import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toYaml } from "../../../../src/adapters/yaml/to-yaml.ts";

describe("toYaml", () => {
  it("quotes strings a YAML 1.1 reader would take for another type", () => {
    const labels = { a: "yes", b: "on", c: "0777", d: "1.0", e: "", f: "null", g: "2001-12-14", h: "n" };

    const text = toYaml(labels);

    expect(text).toBe("a: 'yes'\nb: 'on'\nc: '0777'\nd: '1.0'\ne: ''\nf: 'null'\ng: '2001-12-14'\nh: 'n'\n");
    expect(parse(text, { version: "1.1" })).toEqual(labels);
  });

  it("sorts keys when asked, repeats shared objects instead of aliasing them, and never folds lines", () => {
    const shared = { name: "x".repeat(200) };

    const text = toYaml({ b: shared, a: shared }, { sortKeys: true });

    expect(text).toBe(`a:\n  name: ${"x".repeat(200)}\nb:\n  name: ${"x".repeat(200)}\n`);
  });

  it("writes multi-line strings as literal blocks", () => {
    expect(toYaml({ script: "one\ntwo\n" })).toBe("script: |\n  one\n  two\n");
  });
});
