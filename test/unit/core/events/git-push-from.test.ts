import { describe, expect, it } from "vitest";
import { gitPushFrom, type HostPush } from "../../../../src/core/events/git-push-from.ts";

const SHA = "da1560886d4f094c3e6c9ef40349f7d38b5d27d7";
const push = (over: Partial<HostPush> = {}): HostPush => ({
  provider: "test", eventId: "e1", repositoryUrls: ["https://git.example.com/a/b.git", null], ref: "refs/heads/main",
  before: "95790bf891e76fee5e1747ab589903a6a1f80f22", after: SHA,
  commits: [{ id: SHA, message: "m", added: ["a.yaml"], modified: ["b/c.yaml"], removed: [] }], ...over,
});

describe("gitPushFrom", () => {
  it("lists the changed paths when every commit is listed with its files", () => {
    expect(gitPushFrom(push())).toMatchObject({ event: { ref: { type: "branch", name: "main" }, changedPaths: ["a.yaml", "b/c.yaml"], commitsComplete: true, repositoryUrls: ["https://git.example.com/a/b.git"] } });
  });

  it("gives the repository's URLs normalised beside the URLs as sent, once each", () => {
    const urls = ["https://git.example.com/A/b.git", "git@git.example.com:A/b.git", "https://git.example.com/a/b"];

    expect(gitPushFrom(push({ repositoryUrls: urls }))).toMatchObject({ event: { repositoryUrls: urls, repositoryKeys: ["git.example.com/a/b"] } });
  });

  it.each([
    ["a forced push", { forced: true }],
    ["a new branch", { before: "0".repeat(40) }],
    ["a list shorter than the count", { totalCommits: 5 }],
    ["a list as long as the host's cap", { listLimit: 1 }],
    ["a list the host says was cut", { complete: false }],
    ["a commit without file lists", { commits: [{ id: SHA, message: "m" }] }],
    ["no commits", { commits: [] }],
  ])("leaves the paths unknown for %s", (_name, over) => {
    const result = gitPushFrom(push(over));
    if (!("event" in result)) throw new Error(`ignored: ${result.ignored}`);
    expect(result.event.changedPaths).toBeUndefined();
  });

  it.each([
    ["refs/tags/v1", "0".repeat(40), "tag v1 deleted: nothing to deploy"],
    ["refs/pull/1/head", SHA, "push to refs/pull/1/head: only branches and tags are followed"],
    ["refs/heads/main", "not-a-sha", "push to refs/heads/main names no commit (after: not-a-sha)"],
  ])("ignores %s at %s", (ref, after, reason) => {
    expect(gitPushFrom(push({ ref, after }))).toEqual({ ignored: reason });
  });

  it("reports a deleted branch as an event that deploys nothing, for app sets that generate per branch", () => {
    const result = gitPushFrom(push({ ref: "refs/heads/feature/x", after: "0".repeat(40) }));
    if (!("event" in result)) throw new Error(`ignored: ${result.ignored}`);
    expect(result.event).toMatchObject({ deleted: true, ref: { type: "branch", name: "feature/x" }, commits: [] });
  });
});
