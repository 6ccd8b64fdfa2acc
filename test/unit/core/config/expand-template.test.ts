// Go's Regexp.Expand, which Flux's extract uses, case by case from its documentation.
import { describe, expect, it } from "vitest";
import { expandTemplate, templateReferences } from "../../../../src/core/config/expand-template.ts";
import { fluxRegex } from "../../../../src/core/config/flux-regex.ts";
import { semverRange } from "../../../../src/core/config/semver-range.ts";
import { tagVersion } from "../../../../src/core/config/tag-version.ts";

const match = (pattern: string, text: string) => {
  const found = fluxRegex(pattern).exec(text);
  if (!found) throw new Error(`${pattern} does not match ${text}`);
  return found;
};

describe("expandTemplate", () => {
  const m = match("^(?P<env>[a-z]+)-(?P<ts>[0-9]+)(-(x))?$", "main-1700");

  it.each([
    ["$ts", "1700"],
    ["${env}.${ts}", "main.1700"],
    ["$1-$2", "main-1700"],
    ["$$ts", "$ts"],
    ["cost: $", "cost: $"],
    ["${env", "${env"],
    ["$tsx", ""],
    ["$4", ""],
    ["$9", ""],
  ])("fills %s as %s", (template, expected) => {
    expect(expandTemplate(template, m)).toBe(expected);
  });

  it("lists the references a template makes, without the escaped ones", () => {
    expect(templateReferences("$$a ${b} $1x $2")).toEqual([{ name: "b" }, { name: "1x" }, { name: "2", index: 2 }]);
  });
});

describe("semverRange and tagVersion", () => {
  it("reads Masterminds' comma as AND and keeps || alternatives", () => {
    expect(semverRange(">=1.0,<2.0")).toBe(">=1.0 <2.0");
    expect(semverRange(">= 1.2, < 1.3 || >=2.0")).toBe(">= 1.2 < 1.3 || >=2.0");
    expect(semverRange("not a range")).toBeUndefined();
  });

  it("reads v-prefixed versions always, and partial ones only when asked", () => {
    expect([tagVersion("v1.2.3"), tagVersion("v2.0"), tagVersion("v2.0", true), tagVersion("3", true), tagVersion("1.2-rc.1", true)])
      .toEqual(["1.2.3", undefined, "2.0.0", "3.0.0", "1.2.0-rc.1"]);
    expect(tagVersion("latest", true)).toBeUndefined();
  });
});
