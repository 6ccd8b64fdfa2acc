import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { readDashboardAssets } from "../../../../src/runtime/wiring/dashboard-assets-file.ts";

const dir = mkdtempSync(join(tmpdir(), "sluice-assets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content?: string) => {
  if (content !== undefined) writeFileSync(join(dir, name), content);
  return pathToFileURL(join(dir, name));
};

describe("the packaged dashboard assets", () => {
  it("are read as packaging wrote them", async () => {
    const assets = { html: "<!doctype html>", js: "export {}", css: "body{}" };

    expect(await readDashboardAssets(file("ok.json", JSON.stringify(assets)))).toEqual(assets);
  });

  it("fail the cold start naming the file when missing, not JSON, or short of an asset", async () => {
    await expect(readDashboardAssets(file("missing.json"))).rejects.toThrow(/missing\.json cannot be read \(packaging writes them\)/);
    await expect(readDashboardAssets(file("text.json", "<html>"))).rejects.toThrow(/text\.json: not JSON/);
    await expect(readDashboardAssets(file("short.json", JSON.stringify({ html: "x", js: "" })))).rejects.toThrow(/short\.json: js: .*; css: /);
  });
});
