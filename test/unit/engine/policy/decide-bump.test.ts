import { describe, expect, it } from "vitest";
import { buildTagPolicy } from "../../../../src/engine/policy/build-tag-policy.ts";
import { tagPolicyConfigSchema } from "../../../../src/core/config/tag-policy-config.ts";
import { decideBump } from "../../../../src/engine/policy/decide-bump.ts";

const semver = buildTagPolicy(tagPolicyConfigSchema.parse({ semver: ">=1.0.0" }), () => Promise.resolve(undefined));
const image = "ghcr.io/acme/web";

describe("decideBump", () => {
  it("writes a newer tag, and a tag into a file that had none or one outside the policy", async () => {
    expect(await decideBump(semver, "1.2.0", "1.1.0", undefined, image)).toEqual({ action: "write" });
    expect(await decideBump(semver, "1.2.0", undefined, undefined, image)).toEqual({ action: "write" });
    expect(await decideBump(semver, "1.2.0", "latest", undefined, image)).toEqual({ action: "write" });
  });

  it("never downgrades, and leaves an equal version spelled differently alone", async () => {
    expect(await decideBump(semver, "1.2.0", "1.10.0", undefined, image)).toEqual({ action: "skip", reason: "1.2.0 is older than 1.10.0 in git: never a downgrade" });
    expect(await decideBump(semver, "1.2.0", "v1.2.0", undefined, image)).toEqual({ action: "unchanged" });
  });

  it("holds a human's rollback until a tag newer than the one rolled back from", async () => {
    // Prepare: Sluice wrote 1.3.0; a human committed 1.2.0.
    const rolledBack = (candidate: string) => decideBump(semver, candidate, "1.2.0", "1.3.0", image);

    // Act
    const again = await rolledBack("1.3.0");
    const newer = await rolledBack("1.4.0");

    // Assess
    expect(again).toEqual({ action: "hold", reason: "holding ghcr.io/acme/web at 1.2.0: rolled back by a human from 1.3.0" });
    expect(newer).toEqual({ action: "write" });
  });

  it("does not take a human's move forward for a rollback", async () => {
    expect(await decideBump(semver, "1.5.0", "1.4.0", "1.3.0", image)).toEqual({ action: "write" });
  });
});
