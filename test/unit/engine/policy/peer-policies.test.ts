// Policies pasted from Flux ImagePolicy and Argo CD Image Updater docs mean what they meant there:
// Go RE2 patterns, Go's Expand templates, Masterminds semver ranges and versions.
import { describe, expect, it } from "vitest";
import { buildTagPolicy } from "../../../../src/engine/policy/build-tag-policy.ts";
import { selectTag } from "../../../../src/engine/policy/select-tag.ts";
import { tagPolicyConfigSchema } from "../../../../src/core/config/tag-policy-config.ts";

const policy = (config: unknown, times: Record<string, string> = {}) =>
  buildTagPolicy(tagPolicyConfigSchema.parse(config), (tag) => Promise.resolve(times[tag] === undefined ? undefined : new Date(times[tag])));
const allowed = (config: unknown, tags: string[]) => tags.filter((t) => policy(config).refusal(t) === undefined);

describe("patterns in Go RE2 syntax", () => {
  it("takes (?i) flags, POSIX classes, \\pL and \\z as Go does", () => {
    expect(allowed({ regex: "(?i)^v[0-9]+$" }, ["v12", "V12", "x12"])).toEqual(["v12", "V12"]);
    expect(allowed({ regex: "^[[:digit:]]+$" }, ["123", "1:2", "d"])).toEqual(["123"]);
    expect(allowed({ regex: "^\\pL+-\\d+$" }, ["alpine-3", "1-3", "ünï-1"])).toEqual(["alpine-3", "ünï-1"]);
    expect(allowed({ regex: "^1\\.2\\z" }, ["1.2", "1.2z"])).toEqual(["1.2"]);
  });

  it("orders Flux's documented numerical pattern by its named group", async () => {
    const flux = { regex: "^main-[a-fA-F0-9]+-(?P<ts>.*)", extract: "$ts", order: "numerical" };

    const selection = await selectTag(["main-5d8fbe2-1611829937", "main-f5b8f6e-1611831250", "main-ab12cd3-1611830000", "latest"], policy(flux));

    expect(selection).toEqual({ tag: "main-f5b8f6e-1611831250" });
  });

  it("reads Go's $$ as a literal dollar and $1x as the group named 1x", async () => {
    const dollars = policy({ regex: "^(?P<a>[a-z]+)-(?P<b>[0-9]+)$", extract: "$$${b}$a", order: "alphabetical" });
    const braced = policy({ regex: "^r(\\d)-(\\d)$", extract: "${1}x$2", order: "alphabetical" });
    const longest = tagPolicyConfigSchema.safeParse({ regex: "^r(\\d)-(\\d)$", extract: "$1x$2" });

    expect(await selectTag(["x-1", "b-2", "a-2"], dollars)).toEqual({ tag: "b-2" });
    expect(await braced.compare("r9-1", "r1-2")).toBe(1);
    expect(longest.error?.issues.map((i) => i.message)).toEqual(["$1x is not a group of the regex"]);
  });

  it("orders alphabetically by code point, as Go's sort.Strings does", async () => {
    expect(await selectTag(["Zeta", "alpha"], policy({ regex: ".*" }))).toEqual({ tag: "alpha" });
  });
});

describe("semver forms users write", () => {
  const tags = ["0.9.0", "1.0.0", "1.5.0", "2.0.0", "v2.0", "v2.1", "3"];

  it("reads a comma as AND, as Flux and Image Updater do", async () => {
    expect(await selectTag(tags, policy({ semver: ">=1.0,<2.0" }))).toEqual({ tag: "1.5.0" });
    expect(await selectTag(tags, policy({ semver: ">= 1.0, < 2.0 || 3.x" }))).toEqual({ tag: "1.5.0" });
  });

  it("reads Image Updater's two-part versions only when asked", async () => {
    expect(await selectTag(tags, policy({ semver: "^2.0" }))).toEqual({ tag: "2.0.0" });
    expect(await selectTag(tags, policy({ semver: "^2.0", partialVersions: true }))).toEqual({ tag: "v2.1" });
    expect(await selectTag(tags, policy({ semver: ">=3", partialVersions: true }))).toEqual({ tag: "3" });
  });

  it("orders by the version a pattern extracts (Flux filterTags before a semver policy)", async () => {
    const filtered = policy({ semver: ">=1.0.0", regex: "^(?P<version>[0-9.]+)-alpine$", extract: "$version" });

    const selection = await selectTag(["1.9.0-alpine", "1.10.0-alpine", "1.11.0", "2.0.0-debian"], filtered);

    expect(selection).toEqual({ tag: "1.10.0-alpine" });
    expect(filtered.refusal("1.11.0")).toBe("tag 1.11.0 does not match /^(?P<version>[0-9.]+)-alpine$/");
  });

  it("takes Image Updater's allow-tags with semver: the pattern filters, the whole tag is the version", async () => {
    const allowTags = policy({ semver: "1.x", regex: "^v1\\.[0-9]+\\.[0-9]+$" });

    expect(await selectTag(["v1.2.0", "v1.10.0", "1.11.0", "v1.12.0-rc.1"], allowTags)).toEqual({ tag: "v1.10.0" });
  });
});

describe("newest pushed with equal build times", () => {
  it("breaks the tie by tag name, whatever order the registry lists them in", async () => {
    const times = { a1b2c3d: "2024-05-01T10:00:00Z", f00dbab: "2024-05-01T10:00:00Z", "0badc0d": "2024-04-01T10:00:00Z" };

    const forward = await selectTag(["a1b2c3d", "f00dbab", "0badc0d"], policy({ newestPushed: {} }, times));
    const backward = await selectTag(["0badc0d", "f00dbab", "a1b2c3d"], policy({ newestPushed: {} }, times));

    expect([forward, backward]).toEqual([{ tag: "f00dbab" }, { tag: "f00dbab" }]);
  });
});
