import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/engine/diff/unified-diff.ts";
import { assertProperty } from "../unit/property/assert-property.ts";

/** Applies a unified diff with GNU patch: an oracle that is not Sluice's code. */
function patchWith(before: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sluice-patch-"));
  try {
    writeFileSync(join(dir, "file"), before);
    writeFileSync(join(dir, "diff"), diff);
    execFileSync("patch", ["--quiet", "--force", join(dir, "file"), join(dir, "diff")], { stdio: "pipe" });
    return readFileSync(join(dir, "file"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const text = fc.array(fc.constantFrom("a", "b", "c", "replicas: 2", "image: x", ""), { maxLength: 30 }).map((lines) => lines.map((l) => `${l}\n`).join(""));

describe("unifiedDiff against GNU patch", () => {
  it("patch(1) turns the first text into the second with what it writes", () => {
    assertProperty(fc.property(text, text, (before, after) => {
      const diff = unifiedDiff(before, after, { from: "a/file", to: "b/file" });
      expect(diff === "" ? before : patchWith(before, diff)).toBe(after);
    }), { numRuns: 60 });
  });
});
