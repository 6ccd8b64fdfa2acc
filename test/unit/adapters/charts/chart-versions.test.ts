import { describe, expect, it } from "vitest";
import { pickVersion, tagOfVersion, versionOfTag } from "../../../../src/adapters/charts/chart-versions.ts";

describe("pickVersion", () => {
  const listed = ["1.0.0", "1.2.0", "1.10.1", "2.0.0-rc.1", "2.0.0", "latest", "v2.1.0"];

  it("picks the highest version a range allows, ignoring tags that are not versions", () => {
    expect(pickVersion("^1.0.0", listed)).toBe("1.10.1");
    expect(pickVersion("~1.2", listed)).toBe("1.2.0");
    expect(pickVersion(">=1 <3", listed)).toBe("v2.1.0");
    expect(pickVersion("*", listed)).toBe("v2.1.0");
  });

  it("takes an exact version only as listed, and pre-releases only when asked for", () => {
    expect(pickVersion("1.2.0", listed)).toBe("1.2.0");
    expect(pickVersion("1.3.0", listed)).toBeUndefined();
    expect(pickVersion("2.0.0-rc.1", listed)).toBe("2.0.0-rc.1");
    expect(pickVersion("^3.0.0", listed)).toBeUndefined();
  });

  it("maps OCI tags to versions and back (Helm pushes + as _)", () => {
    expect(versionOfTag("1.0.0_build.5")).toBe("1.0.0+build.5");
    expect(tagOfVersion("1.0.0+build.5")).toBe("1.0.0_build.5");
  });
});
