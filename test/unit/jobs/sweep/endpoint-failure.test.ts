import { describe, expect, it } from "vitest";
import { classifyGitError, GitError } from "../../../../src/adapters/git/git-errors.ts";
import { NoAnswerError } from "../../../../src/adapters/http/no-answer-error.ts";
import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import { RegistryPermanentError, RegistryTransientError } from "../../../../src/adapters/registry/registry-errors.ts";
import { SweepTimeoutError } from "../../../../src/core/util/with-timeout.ts";
import { isEndpointFailure } from "../../../../src/jobs/sweep/endpoint-failure.ts";

describe("isEndpointFailure", () => {
  it("backs off an endpoint whose adapter said retry: no answer, a timeout, 429 and 5xx, a spent budget", () => {
    // Prepare
    const failures = [
      new NoAnswerError("GET", "https://10.0.0.9/api", new Error("connect ECONNREFUSED")),
      new SweepTimeoutError("records in edge did not answer in 30 s"),
      new KubeApiError(503, "the server is currently unable to handle the request", { endpoint: "cluster:edge" }),
      new RegistryTransientError("the request budget for ghcr.io is spent", { host: "ghcr.io", retryAfterMs: 40_000 }),
      classifyGitError(Object.assign(new Error("HTTP Error: 502 Bad Gateway"), { data: { statusCode: 502 } }), "https://git.example.com/a.git"),
    ];

    // Act
    const answers = failures.map(isEndpointFailure);

    // Assess
    expect(answers).toEqual([true, true, true, true, true]);
  });

  it("does not back off an endpoint that answered and refused one thing, nor for an error nobody classified", () => {
    // Prepare
    const refusals = [
      new KubeApiError(403, 'configmaps is forbidden: cannot list resource "configmaps"', { endpoint: "cluster:edge" }),
      new RegistryPermanentError("NAME_UNKNOWN", { host: "ghcr.io", status: 404 }),
      classifyGitError(Object.assign(new Error("HTTP Error: 404 Not Found"), { data: { statusCode: 404 } }), "https://git.example.com/gone.git"),
      new TypeError("Cannot read properties of undefined"),
    ];

    // Act
    const answers = refusals.map(isEndpointFailure);

    // Assess
    expect(answers).toEqual([false, false, false, false]);
    expect(refusals[2]).toBeInstanceOf(GitError);
    expect(refusals[2]).toMatchObject({ endpoint: "git:git.example.com", retry: "never" });
  });
});
