import { describe, expect, it } from "vitest";
import { isDowngrade, semverRefusal } from "../../../../src/engine/policy/semver-policy.ts";

describe("semverRefusal", () => {
  const policy = { semver: ">=1.0.0 <2.0.0", prerelease: false };
  it("allows a version in range, with or without a v", () => {
    expect(semverRefusal("1.4.2", policy)).toBeUndefined();
    expect(semverRefusal("v1.4.2", policy)).toBeUndefined();
  });
  it("refuses out of range, non-semver and (unless asked) prereleases, saying why", () => {
    expect(semverRefusal("2.0.0", policy)).toMatch(/outside the policy range/);
    expect(semverRefusal("latest", policy)).toMatch(/not a semantic version/);
    expect(semverRefusal("1.5.0-rc.1", policy)).toMatch(/prereleases are off/);
    expect(semverRefusal("1.5.0-rc.1", { ...policy, prerelease: true })).toBeUndefined();
  });
  it("reports a broken range", () => {
    expect(semverRefusal("1.0.0", { semver: ">>nope", prerelease: false })).toMatch(/not a valid semver range/);
  });
});

describe("isDowngrade", () => {
  it("is true only for a lower version", () => {
    expect(isDowngrade("1.10.0", "1.9.0")).toBe(true);
    expect(isDowngrade("1.9.0", "1.10.0")).toBe(false);
    expect(isDowngrade("1.9.0", "1.9.0")).toBe(false);
    expect(isDowngrade("latest", "1.0.0")).toBe(false);
  });
});
