import { describe, expect, it } from "vitest";
import type { FileEditor } from "../../../../src/adapters/git/branch-editor.ts";
import { chartEdit, type ChartEditInput } from "../../../../src/engine/writeback/chart-edit.ts";
import { definitionPlace, dependencyPlace } from "../../../../src/engine/writeback/chart-version-place.ts";
import { chartPolicy } from "../../../../src/jobs/charts/choose-chart-version.ts";
import { PermanentJobError } from "../../../../src/core/errors/permanent-job-error.ts";

function files(initial: Record<string, string>): FileEditor & { files: Record<string, string> } {
  const state = { ...initial };
  return {
    files: state,
    readFile: async (path) => {
      const content = state[path];
      if (content === undefined) throw new Error(`ENOENT: ${path}`);
      return content;
    },
    writeFile: async (path, content) => void (state[path] = content),
  };
}

const chartYaml = (db: string) => [
  "apiVersion: v2",
  "name: web",
  "version: 1.0.0 # the chart's own",
  "dependencies:",
  "  - name: common",
  "    version: 2.0.0",
  "    repository: https://charts.example.com",
  "  - name: db # from the repo",
  `    version: '${db}'   # pinned`,
  "    repository: https://charts.example.com",
  "",
].join("\n");

const definitions = (version: string) => [
  "# apps of team a",
  "apps:",
  "  - name: other",
  "    render: { helm: { chart: { repo: https://charts.example.com, name: x, version: 9.9.9 } } }",
  "---",
  "apps:",
  "  - name: ingress",
  "    render:",
  "      helm:",
  `        chart: { repo: https://charts.example.com, name: ingress-nginx, version: ${version}, update: { semver: ^4.11.0 } }`,
  "",
].join("\n");

const input = (over: Partial<ChartEditInput>): ChartEditInput => ({
  app: "web", chart: "https://charts.example.com/db", label: "chart db", file: "web/Chart.yaml",
  locate: (content) => dependencyPlace(content, "db", "web/Chart.yaml"), candidate: "0.1.5", policy: chartPolicy("~0.1.0"),
  lastWritten: undefined, template: "[skip ci] sluice: {app} {image} {from} -> {to}", deliveryId: "d1", ...over,
});

describe("chartEdit", () => {
  it("writes a Chart.yaml dependency's version byte for byte, with a [skip ci] line", async () => {
    const tree = files({ "web/Chart.yaml": chartYaml("0.1.0") });
    const done = await chartEdit(input({})).apply(tree);
    expect(tree.files["web/Chart.yaml"]).toBe(chartYaml("0.1.5"));
    expect(done.value).toEqual({ status: "committed", from: "0.1.0", to: "0.1.5" });
    expect(done.applied).toEqual({ files: ["web/Chart.yaml"], line: "[skip ci] sluice: web chart db 0.1.0 -> 0.1.5", trailers: ["Sluice-Delivery: d1"] });
  });

  it("writes an app definition's chart version in the document that defines the app", async () => {
    const tree = files({ "apps/ingress.yaml": definitions("4.11.2") });
    const locate = (content: string) => definitionPlace(content, "ingress", "apps/ingress.yaml");
    const done = await chartEdit(input({ app: "ingress", file: "apps/ingress.yaml", locate, candidate: "4.12.0", policy: chartPolicy("^4.11.0") })).apply(tree);
    expect(tree.files["apps/ingress.yaml"]).toBe(definitions("4.12.0"));
    expect(done.value.status).toBe("committed");
  });

  it("never downgrades and leaves an equal version alone", async () => {
    const tree = files({ "web/Chart.yaml": chartYaml("0.1.5") });
    const older = await chartEdit(input({ candidate: "0.1.2" })).apply(tree);
    const same = await chartEdit(input({ candidate: "0.1.5" })).apply(tree);
    expect(older.value).toMatchObject({ status: "skipped", reason: expect.stringContaining("never a downgrade") });
    expect(same.value).toEqual({ status: "unchanged", from: "0.1.5", to: "0.1.5" });
    expect(older.applied ?? same.applied).toBeUndefined();
    expect(tree.files["web/Chart.yaml"]).toBe(chartYaml("0.1.5"));
  });

  it("holds a version a human rolled back until one newer than the version rolled back from", async () => {
    const tree = files({ "web/Chart.yaml": chartYaml("0.1.0") });
    const held = await chartEdit(input({ candidate: "0.1.5", lastWritten: "0.1.5" })).apply(tree);
    const newer = await chartEdit(input({ candidate: "0.1.6", lastWritten: "0.1.5" })).apply(tree);
    expect(held.value).toMatchObject({ status: "held", hold: { tag: "0.1.0", from: "0.1.5" } });
    expect(newer.value).toMatchObject({ status: "committed", from: "0.1.0", to: "0.1.6" });
  });

  it("refuses, for good, a dependency or an app the file does not have", async () => {
    const tree = files({ "web/Chart.yaml": chartYaml("0.1.0") });
    const missing = chartEdit(input({ locate: (content) => dependencyPlace(content, "cache", "web/Chart.yaml") })).apply(tree);
    await expect(missing).rejects.toThrow(PermanentJobError);
    await expect(missing).rejects.toThrow("web/Chart.yaml: no dependency named cache (dependencies: common, db)");
    expect(() => definitionPlace(definitions("4.11.2"), "web", "apps/ingress.yaml")).toThrow("apps/ingress.yaml: defines no app named web");
  });
});
