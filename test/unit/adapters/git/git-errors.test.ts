import { describe, expect, it } from "vitest";
import { classifyGitError, gitEndpoint, NonFastForwardError, PushRefusedError, RevisionNotFoundError } from "../../../../src/adapters/git/git-errors.ts";

const URL_ = "https://git.example.com/acme/deploy.git";
const httpError = (statusCode: number) => Object.assign(new Error(`HTTP Error: ${statusCode}`), { data: { statusCode } });

describe("git errors", () => {
  it("say whether a push or a checkout may be retried, naming the git host as the endpoint", () => {
    // Prepare
    const errors = [
      new NonFastForwardError("main moved", { url: URL_ }),
      new PushRefusedError("pre-receive hook declined", { url: URL_ }),
      new RevisionNotFoundError("abc is not in main", { url: URL_ }),
    ];

    // Act
    const classified = errors.map((e) => [e.endpoint, e.retry]);

    // Assess
    expect(classified).toEqual([["git:git.example.com", "later"], ["git:git.example.com", "never"], ["git:git.example.com", "never"]]);
    expect(gitEndpoint("git@github.com:acme/deploy.git")).toBe("git:git@github.com:acme/deploy.git");
  });

  it("classify what isomorphic-git threw by the host's status, and leave anything else as it was", () => {
    // Prepare
    const other = new Error("ENOSPC");

    // Act
    const [down, gone, same] = [classifyGitError(httpError(503), URL_), classifyGitError(httpError(404), URL_), classifyGitError(other, URL_)];

    // Assess
    expect(down).toMatchObject({ endpoint: "git:git.example.com", retry: "later", message: "HTTP Error: 503" });
    expect(gone).toMatchObject({ retry: "never" });
    expect(same).toBe(other);
  });
});
