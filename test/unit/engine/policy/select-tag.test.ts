import { describe, expect, it } from "vitest";
import { buildTagPolicy } from "../../../../src/engine/policy/build-tag-policy.ts";
import { selectTag } from "../../../../src/engine/policy/select-tag.ts";
import { tagPolicyConfigSchema } from "../../../../src/core/config/tag-policy-config.ts";

const policy = (config: unknown, times: Record<string, string> = {}) =>
  buildTagPolicy(tagPolicyConfigSchema.parse(config), (tag) => Promise.resolve(times[tag] === undefined ? undefined : new Date(times[tag])));

describe("selectTag with a semver policy", () => {
  const tags = ["1.0.0", "1.10.0", "1.9.0", "2.0.0-rc.1", "latest", "v1.2.0", "1.11.0-debug"];

  it("takes the newest version in range, whichever event came", async () => {
    // Act: an event for an old tag still picks the newest.
    const selection = await selectTag(tags, policy({ semver: "^1.0.0" }), "1.0.0");

    // Assess
    expect(selection).toEqual({ tag: "1.10.0" });
  });

  it("takes prereleases only when asked", async () => {
    expect(await selectTag(tags, policy({ semver: ">=1.0.0" }))).toEqual({ tag: "1.10.0" });
    expect(await selectTag(tags, policy({ semver: ">=1.0.0", prerelease: true }))).toEqual({ tag: "2.0.0-rc.1" });
  });

  it("ignores an event whose tag the policy refuses, or the registry does not list, with the reason", async () => {
    expect(await selectTag(tags, policy({ semver: "^1.0.0" }), "2.0.0-rc.1")).toEqual({ skipped: 'tag 2.0.0-rc.1 is outside the policy range "^1.0.0" (prereleases are off)' });
    expect(await selectTag(tags, policy({ semver: "^1.0.0", ignore: ["*-debug"], prerelease: true }), "1.11.0-debug")).toEqual({ skipped: "tag 1.11.0-debug is on the ignore list (*-debug)" });
    expect(await selectTag(tags, policy({ semver: "^1.0.0" }), "1.12.0")).toEqual({ skipped: "tag 1.12.0 is not in the registry's tag list" });
  });

  it("says when nothing qualifies", async () => {
    expect(await selectTag(["latest"], policy({ semver: "^1.0.0" }))).toEqual({ skipped: 'no tag satisfies semver "^1.0.0" (1 tags)' });
  });
});

describe("selectTag with a regex policy", () => {
  it("orders Flux's timestamped tags numerically by the extracted group", async () => {
    // Prepare: alphabetically main-…-9 would beat main-…-10.
    const tags = ["main-abc1234-9", "main-def5678-10", "feature-x-11", "main-0123456-8"];

    // Act
    const selection = await selectTag(tags, policy({ regex: "^main-[a-f0-9]+-(?P<ts>[0-9]+)$", extract: "$ts", order: "numerical" }));

    // Assess
    expect(selection).toEqual({ tag: "main-def5678-10" });
  });

  it("orders alphabetically, ascending or descending", async () => {
    const tags = ["RELEASE.2024-01-05", "RELEASE.2024-03-01", "RELEASE.2023-12-31"];
    expect(await selectTag(tags, policy({ regex: "^RELEASE\\.(?<d>.*)$", extract: "${d}" }))).toEqual({ tag: "RELEASE.2024-03-01" });
    expect(await selectTag(tags, policy({ regex: "^RELEASE\\.(?<d>.*)$", extract: "${d}", direction: "desc" }))).toEqual({ tag: "RELEASE.2023-12-31" });
  });

  it("refuses a tag whose extracted value is not a number for a numerical order", () => {
    expect(policy({ regex: "^build-(\\w+)$", extract: "$1", order: "numerical" }).refusal("build-abc")).toBe('tag build-abc gives "abc", not a number to order by');
  });
});

describe("selectTag with a newest-pushed policy", () => {
  const times = { a1b2c3d: "2024-05-01T10:00:00Z", e4f5a6b: "2024-05-02T10:00:00Z", "0badc0d": "2024-04-01T10:00:00Z" };

  it("takes the most recently built commit-SHA tag", async () => {
    expect(await selectTag(["a1b2c3d", "e4f5a6b", "0badc0d", "latest"], policy({ newestPushed: {} }, times))).toEqual({ tag: "e4f5a6b" });
  });

  it("never picks a tag whose build time is unknown", async () => {
    expect(await selectTag(["a1b2c3d", "fffffff"], policy({ newestPushed: {} }, times))).toEqual({ tag: "a1b2c3d" });
  });

  it("orders only the event's tag when more tags match than the limit", async () => {
    // Prepare
    const many = policy({ newestPushed: { limit: 2 } }, times);

    // Act
    const hinted = await selectTag(["a1b2c3d", "e4f5a6b", "0badc0d"], many, "a1b2c3d");
    const unhinted = await selectTag(["a1b2c3d", "e4f5a6b", "0badc0d"], many);

    // Assess
    expect(hinted).toEqual({ tag: "a1b2c3d" });
    expect(unhinted).toEqual({ skipped: "3 tags match /^[0-9a-f]{7,40}$/, more than the 2 newest-pushed orders without an event naming the tag" });
  });
});
