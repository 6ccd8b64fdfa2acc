import { describe, expect, it } from "vitest";
import { normalizeGitUrl } from "../../../../src/core/config/normalize-git-url.ts";

describe("normalizeGitUrl", () => {
  it.each([
    ["https://github.com/Codertocat/Hello-World.git", "github.com/codertocat/hello-world"],
    ["https://github.com/codertocat/hello-world/", "github.com/codertocat/hello-world"],
    ["git@github.com:Codertocat/Hello-World.git", "github.com/codertocat/hello-world"],
    ["ssh://git@github.com/Codertocat/Hello-World.git", "github.com/codertocat/hello-world"],
    ["git://github.com/Codertocat/Hello-World.git", "github.com/codertocat/hello-world"],
    ["https://user:token@github.com:443/Codertocat/Hello-World", "github.com/codertocat/hello-world"],
    ["http://localhost:3000/gitea/webhooks.git", "localhost:3000/gitea/webhooks"],
    ["ssh://gitea@localhost:2222/gitea/webhooks.git", "localhost/gitea/webhooks"],
    ["http://127.0.0.1:8788/charts.git", "127.0.0.1:8788/charts"],
  ])("%s is %s", (url, expected) => {
    expect(normalizeGitUrl(url)).toBe(expected);
  });

  it("keeps different https ports apart", () => {
    expect(normalizeGitUrl("https://git.example.com:8443/a/b")).not.toBe(normalizeGitUrl("https://git.example.com/a/b"));
  });
});
