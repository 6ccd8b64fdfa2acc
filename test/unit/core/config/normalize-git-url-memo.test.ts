import { describe, expect, it } from "vitest";
import { normalizeGitUrl } from "../../../../src/core/config/normalize-git-url.ts";

describe("normalizeGitUrl asked again", () => {
  it("answers a spelling asked before as it did the first time, past the memo's bound", () => {
    const urls = Array.from({ length: 3000 }, (_, i) => `https://Git.Example.com/Team/Repo-${i % 1500}.git/`);

    const first = urls.map(normalizeGitUrl);
    const again = urls.map(normalizeGitUrl);

    expect(again).toEqual(first);
    expect(first[7]).toBe("git.example.com/team/repo-7");
    expect(new Set(first).size).toBe(1500);
  });

  it("normalises a URL too long to be kept, each time", () => {
    const long = `git@github.com:acme/${"x".repeat(600)}.git`;

    expect(normalizeGitUrl(long)).toBe(`github.com/acme/${"x".repeat(600)}`);
    expect(normalizeGitUrl(long)).toBe(`github.com/acme/${"x".repeat(600)}`);
  });
});
