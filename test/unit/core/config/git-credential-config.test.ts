import { describe, expect, it } from "vitest";
import { gitCredentialSchema } from "../../../../src/core/config/git-credential-config.ts";
import { writeBackConfigSchema } from "../../../../src/core/config/write-back-config.ts";

const problems = (schema: { safeParse(v: unknown): { error?: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) =>
  schema.safeParse(input).error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];

describe("GitHub App credentials", () => {
  it("reads a GitHub App for git, with numeric ids in either spelling and GitHub's API by default", () => {
    const parsed = gitCredentialSchema.parse({ urlPrefix: "https://github.com/acme/", githubApp: { appId: 123456, installationId: "42", privateKey: { env: "APP_KEY" } } });

    expect(parsed).toEqual({ urlPrefix: "https://github.com/acme/", githubApp: { appId: "123456", installationId: "42", privateKey: { env: "APP_KEY" }, apiUrl: "https://api.github.com" } });
  });

  it("keeps a GitLab deploy or project token as user name and password", () => {
    expect(gitCredentialSchema.parse({ urlPrefix: "https://gitlab.com/acme/", username: "gitlab+deploy-token-1", password: { env: "DEPLOY_TOKEN" } }))
      .toEqual({ urlPrefix: "https://gitlab.com/acme/", username: "gitlab+deploy-token-1", password: { env: "DEPLOY_TOKEN" } });
  });

  it("refuses an entry that is neither, and a pull request config with both a token and an app", () => {
    expect(problems(gitCredentialSchema, { urlPrefix: "https://github.com/", githubApp: { appId: "x", installationId: 1 } })).toEqual([
      ": a git credential is { urlPrefix, username, password } or { urlPrefix, githubApp: { appId, installationId, privateKey } }",
    ]);
    const both = { pullRequest: { github: { repository: "acme/fleet", token: { env: "T" }, githubApp: { appId: 1, installationId: 2, privateKey: { env: "K" } } } } };
    expect(problems(writeBackConfigSchema, both)).toEqual(["pullRequest.github: give exactly one of token or githubApp"]);
    expect(writeBackConfigSchema.safeParse({ pullRequest: { github: { repository: "acme/fleet", githubApp: { appId: 1, installationId: 2, privateKey: { env: "K" } } } } }).success).toBe(true);
  });
});
