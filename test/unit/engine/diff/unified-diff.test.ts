import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../../../src/engine/diff/unified-diff.ts";

// The property that GNU patch applies what unifiedDiff writes runs patch(1), a process: it is in
// test/integration/unified-diff-patch.test.ts.
describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", { from: "x", to: "y" })).toBe("");
  });

  it("writes diff -u hunks with three lines of context", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n";
    const after = "1\n2\n3\n4\nfive\n6\n7\n8\n";
    expect(unifiedDiff(before, after, { from: "live", to: "git" })).toBe("--- live\n+++ git\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  });
});
