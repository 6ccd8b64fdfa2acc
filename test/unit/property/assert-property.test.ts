import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assertProperty } from "./assert-property.ts";

/** The values a property was run on. */
function drawn(env: NodeJS.ProcessEnv): number[] {
  const seen: number[] = [];
  assertProperty(fc.property(fc.integer(), (n) => void seen.push(n)), { numRuns: 20 }, env);
  return seen;
}

/** The error a failing property threw. */
function failing(env: NodeJS.ProcessEnv, seen: number[] = []): Error {
  try {
    assertProperty(fc.property(fc.integer(), (n) => {
      seen.push(n);
      return n < 1000;
    }), { numRuns: 200 }, env);
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("the property held");
}

describe("assertProperty", () => {
  it("runs the same values again for the same FC_SEED", () => {
    // Act
    const [first, second] = [drawn({ FC_SEED: "1234" }), drawn({ FC_SEED: "1234" })];

    // Assess
    expect(first).toHaveLength(20);
    expect(second).toEqual(first);
  });

  it("reports a failure with the command that replays it, and that seed and path find the same counterexample", () => {
    // Prepare
    const error = failing({ FC_SEED: "42" });
    const file = "test/unit/property/assert-property.test.ts";
    const command = `replay: FC_SEED=(-?\\d+) FC_PATH=(\\S+) npx vitest run ${file} -t "\\^assertProperty > `;
    const replay = new RegExp(command).exec(error.message);
    const counterexample = /Counterexample: \[(-?\d+)\]/.exec(error.message)?.[1];

    // Act
    const seen: number[] = [];
    const again = failing({ FC_SEED: replay?.[1], FC_PATH: replay?.[2] }, seen);

    // Assess
    expect(replay?.[1]).toBe("42");
    expect(counterexample).toBeDefined();
    expect(again.message).toContain(`Counterexample: [${counterexample}]`);
    expect(seen[0]).toBe(Number(counterexample));
  });

  it("refuses an FC_SEED that is not an integer", () => {
    expect(() => drawn({ FC_SEED: "abc" })).toThrow("FC_SEED must be an integer, got abc");
  });
});
