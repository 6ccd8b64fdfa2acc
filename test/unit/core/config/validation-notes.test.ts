import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { validationNotes } from "../../../../src/core/config/validation-notes.ts";

describe("validationNotes on webhook endpoints", () => {
  it("names every endpoint that is off and warns that a path secret is weaker", () => {
    const notes = validationNotes(parseConfig("webhooks:\n  github: { secrets: [{ env: A }] }\n  dockerhub: { secrets: [{ env: B }] }\n", "x.yaml"));

    expect(notes).toContain("webhooks.gitlab has no secret: that endpoint is off and answers 404");
    expect(notes).toContain("webhooks.ecr is not set: ECR push events are ignored");
    expect(notes.some((n) => n.startsWith("webhooks.dockerhub: the secret travels in the URL"))).toBe(true);
    expect(notes.some((n) => n.startsWith("webhooks.github"))).toBe(false);
    expect(notes).not.toContain("no webhook endpoint is on: only the sweep will find changes");
  });

  it("counts the Pub/Sub endpoint, which has an audience rather than a secret", () => {
    const notes = validationNotes(parseConfig("webhooks:\n  gar: { audience: https://sluice.example.com/hooks/registry/gar }\n", "x.yaml"));

    expect(notes).toContain("webhooks.azureDevops has no secret: that endpoint is off and answers 404");
    expect(notes).not.toContain("no webhook endpoint is on: only the sweep will find changes");
    expect(validationNotes(parseConfig("apps: []", "x.yaml"))).toContain("webhooks.gar is not set: that endpoint is off and answers 404");
  });

  it("says when only the sweep will find changes", () => {
    expect(validationNotes(parseConfig("apps: []", "x.yaml"))).toContain("no webhook endpoint is on: only the sweep will find changes");
  });
});
