import { describe, expect, it } from "vitest";
import { commitConfigSchema } from "../../../../src/core/config/commit-config.ts";
import { bumpLine, commitMessage } from "../../../../src/engine/writeback/commit-message.ts";

describe("commitMessage", () => {
  const defaults = commitConfigSchema.parse(undefined);
  const line = (app: string, from: string | undefined, to: string) => bumpLine(defaults.message, { app, image: "ghcr.io/acme/web", from, to });

  it("makes one bump's line the subject, with its delivery trailer", () => {
    expect(commitMessage(defaults, [{ files: ["v.yaml"], line: line("web", "1.0.0", "1.1.0"), trailers: ["Sluice-Delivery: d1"] }]))
      .toBe("[skip ci] sluice: web ghcr.io/acme/web 1.0.0 -> 1.1.0\n\nSluice-Delivery: d1\n");
  });

  it("lists several bumps under a counted subject, each trailer once", () => {
    // Act
    const message = commitMessage(defaults, [
      { files: ["a.yaml"], line: line("a", undefined, "1.1.0"), trailers: ["Sluice-Delivery: d1"] },
      { files: ["b.yaml"], line: line("b", "1.0.0", "1.1.0"), trailers: ["Sluice-Delivery: d1"] },
    ]);

    // Assess
    expect(message).toBe("[skip ci] sluice: 2 image updates\n\n- [skip ci] sluice: a ghcr.io/acme/web (none) -> 1.1.0\n- [skip ci] sluice: b ghcr.io/acme/web 1.0.0 -> 1.1.0\n\nSluice-Delivery: d1\n");
  });

  it("follows a configured template", () => {
    // Prepare
    const config = commitConfigSchema.parse({ message: "chore(deploy): {image} {to} for {app}", batchSubject: "chore(deploy): {count} bumps" });

    // Act
    const one = bumpLine(config.message, { app: "web", image: "nginx", from: "1", to: "2" });

    // Assess
    expect(one).toBe("chore(deploy): nginx 2 for web");
    expect(commitMessage(config, [{ files: [], line: one, trailers: [] }, { files: [], line: one, trailers: [] }]).split("\n")[0]).toBe("chore(deploy): 2 bumps");
  });
});
