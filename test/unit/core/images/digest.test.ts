import { describe, expect, it } from "vitest";
import { validDigest } from "../../../../src/core/images/digest.ts";

const HEX = "5f95def0aa664e653c5de820f27661357a5c77a8eef0dd7fa204efedfb7d0e45";

describe("validDigest", () => {
  it("keeps sha256: and 64 lowercase hex digits", () => {
    expect(validDigest(`sha256:${HEX}`)).toBe(`sha256:${HEX}`);
  });

  it.each([
    ["uppercase hex", `sha256:${HEX.toUpperCase()}`],
    ["one digit short", `sha256:${HEX.slice(1)}`],
    ["one digit long", `sha256:${HEX}0`],
    ["another algorithm", `sha512:${HEX}${HEX}`],
    ["no algorithm", HEX],
    ["empty", ""],
  ])("drops %s", (_, text) => {
    expect(validDigest(text)).toBeUndefined();
  });

  it("drops an absent digest", () => {
    expect(validDigest(null)).toBeUndefined();
    expect(validDigest(undefined)).toBeUndefined();
  });
});
