import { describe, expect, it } from "vitest";
import { readYaml } from "../../../../src/core/util/read-yaml.ts";
import { YamlSyntaxError } from "../../../../src/core/util/yaml-syntax-error.ts";

const valueOf = (text: string): unknown => readYaml(text)[0]?.value;
const problemOf = (text: string): YamlSyntaxError => {
  try {
    readYaml(text);
  } catch (error) {
    if (error instanceof YamlSyntaxError) return error;
    throw error;
  }
  throw new Error(`no problem found in ${JSON.stringify(text)}`);
};

// Each case is a place where YAML 1.1 and 1.2, or the two libraries Sluice used to have, disagree.
describe("readYaml", () => {
  it("reads yes/no/on/off as strings and a leading zero as decimal, as YAML 1.2 does", () => {
    expect(valueOf("a: yes\nb: no\nc: on\nd: off\ne: 0777\nf: 0o17\ng: 0x1f\n"))
      .toEqual({ a: "yes", b: "no", c: "on", d: "off", e: 777, f: 15, g: 31 });
  });

  it("keeps reading YAML 1.2 when a document declares %YAML 1.1", () => {
    expect(valueOf("%YAML 1.1\n---\na: yes\nb: 0777\n")).toEqual({ a: "yes", b: 777 });
  });

  it("keeps `<<` as a plain key rather than merging", () => {
    expect(valueOf("base: &b { x: 1 }\nc:\n  <<: *b\n  y: 2\n")).toEqual({ base: { x: 1 }, c: { "<<": { x: 1 }, y: 2 } });
  });

  it("refuses tags outside the core schema, YAML 1.1's !!binary and !!timestamp included", () => {
    expect(problemOf("a: 1\nb: !!binary aGVsbG8=\n")).toMatchObject({ line: 2 });
    expect(problemOf("a: !!timestamp 2001-12-14\n")).toMatchObject({ line: 1 });
    expect(problemOf("a: !custom x\n")).toMatchObject({ line: 1 });
  });

  it("expands any number of aliases", () => {
    const text = `policy: &p { semver: "^1" }\napps:\n${"  - *p\n".repeat(150)}`;

    expect((valueOf(text) as { apps: unknown[] }).apps).toHaveLength(150);
  });

  it("names the line of duplicate keys, unknown aliases and tabs", () => {
    expect(problemOf("a: 1\na: 2\n")).toMatchObject({ line: 2 });
    expect(problemOf("a: 1\nb: *nope\n")).toBeInstanceOf(YamlSyntaxError);
    expect(problemOf("a:\n\t- b\n")).toMatchObject({ line: 2 });
  });

  it("gives each document of a stream with the line it starts on", () => {
    const docs = readYaml("a: 1\n---\n# only a comment\n---\nb: 2\n");

    expect(docs.map((d) => [d.line, d.value])).toEqual([[1, { a: 1 }], [2, null], [4, { b: 2 }]]);
  });
});
