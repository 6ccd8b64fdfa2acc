import { describe, expect, it } from "vitest";
import { tagPolicyConfigSchema } from "../../../../src/core/config/tag-policy-config.ts";

const problems = (input: unknown): string[] => tagPolicyConfigSchema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("tagPolicyConfigSchema", () => {
  it("keeps the short semver form and fills in the defaults", () => {
    expect(tagPolicyConfigSchema.parse({ semver: ">=1.0.0" })).toEqual({ kind: "semver", semver: ">=1.0.0", prerelease: false, ignore: [], pinDigest: false });
  });

  it("reads a Flux-style regex policy and a newest-pushed policy", () => {
    expect(tagPolicyConfigSchema.parse({ regex: "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", extract: "$ts", order: "numerical" }))
      .toEqual({ kind: "regex", regex: "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", extract: "$ts", order: "numerical", direction: "asc", ignore: [], pinDigest: false });
    expect(tagPolicyConfigSchema.parse({ newestPushed: {}, ignore: ["latest"], pinDigest: true }))
      .toEqual({ kind: "newestPushed", match: "^[0-9a-f]{7,40}$", limit: 100, ignore: ["latest"], pinDigest: true });
  });

  it("lists every problem with its path", () => {
    expect(problems({})).toEqual([": a policy needs one of semver, regex or newestPushed"]);
    expect(problems({ semver: ">=1", newestPushed: {} })).toEqual([": a policy has one kind; found semver and newestPushed"]);
    expect(problems({ semver: ">>nope", extract: "$1" })).toEqual(["extract: extract belongs to a regex policy", 'semver: ">>nope" is not a semver range']);
    expect(problems({ semver: ">=1", regex: "^v(.*)$", order: "numerical" })).toEqual(["order: order belongs to a regex policy"]);
    expect(problems({ regex: "^(?=v)" })).toEqual([expect.stringMatching(/^regex: not a regular expression: .*\(\?=/)]);
    expect(problems({ regex: "(unclosed" })).toEqual([expect.stringMatching(/^regex: not a regular expression/)]);
    expect(problems({ regex: "^v(?<n>\\d+)$", extract: "$m" })).toEqual(["extract: $m is not a group of the regex"]);
    expect(problems({ regex: "^v(?P<n>\\d+)$", extract: "$$$n-$2" })).toEqual(["extract: $2 is not a group of the regex"]);
    expect(problems({ semver: "1.x", pinDigest: "yes" })).toEqual([expect.stringMatching(/^pinDigest: /)]);
  });
});
