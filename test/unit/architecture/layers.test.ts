// The layer rule of src/ (test/lint/layers.js, run by `npm run lint`) and the folder graph it leaves.
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";
import { folderGraph, foldersInCycles } from "./import-graph.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const src = join(root, "src");
const eslint = new ESLint({ cwd: root });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "sluice/layers").map((m) => m.message);
}

describe("layers", () => {
  it("fails lint on an import that goes up a layer, and names both ends", async () => {
    // Prepare: a core module that reaches into a job
    const code = 'import { runSweep } from "../../jobs/sweep/run-sweep.ts";\nexport const probe = runSweep;\n';

    // Act
    const errors = await layerErrors("src/core/util/probe.ts", code);

    // Assess
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("src/core/util/probe.ts is in layer core and imports src/jobs/sweep/run-sweep.ts in layer jobs");
  });

  it("fails lint on src/ importing test/ or handlers/, and on a folder that is no layer", async () => {
    const fromTest = await layerErrors("src/engine/diff/probe.ts", 'export { fakeQueue } from "../../../test/unit/jobs/intake/fake-queue.ts";\n');
    const noLayer = await layerErrors("src/misc/probe.ts", 'export { mapLimit } from "../core/util/map-limit.ts";\n');

    expect(fromTest).toEqual([expect.stringContaining("outside src/")]);
    expect(noLayer).toEqual([expect.stringContaining("src/misc, which is no layer")]);
  });

  it("passes imports within a layer and down to lower ones", async () => {
    const code = [
      'import { mapLimit } from "../../core/util/map-limit.ts";',
      'import { resourceHealth } from "../../engine/health/resource-health.ts";',
      'import { runJob } from "../worker/run-job.ts";',
      "export const probe = [mapLimit, resourceHealth, runJob];",
      "",
    ].join("\n");

    expect(await layerErrors("src/jobs/sweep/probe.ts", code)).toEqual([]);
  });

  it("leaves no import cycle between folders of src/", () => {
    expect(foldersInCycles(folderGraph(src))).toEqual([]);
  });

  it("finds a cycle when two folders import each other", () => {
    const graph = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])], ["d", new Set(["a"])]]);

    expect(foldersInCycles(graph)).toEqual(["a", "b", "c"]);
  });

  it("has only layers at the top of src/", () => {
    expect(readdirSync(src).sort()).toEqual(["adapters", "core", "engine", "jobs", "runtime"]);
  });
});
