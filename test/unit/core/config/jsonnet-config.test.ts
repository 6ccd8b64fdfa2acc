import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";

const config = (jsonnet: string) => `apps:
  - name: web
    source: { repo: https://git.example/x.git, path: apps/web }
    render: { directory: { jsonnet: ${jsonnet} } }
    destination: { directory: /tmp/x, namespace: web }
`;

describe("directory.jsonnet in sluice.yaml", () => {
  it("lists every problem with its path, not only that render is none of its forms", () => {
    // Act
    const parsing = () => parseConfig(config("{ tlas: [{ name: 1env, value: prod }], extVars: [{ name: r }], libz: [] }"), "sluice.yaml");

    // Assess
    expect(parsing).toThrow([
      "sluice.yaml: 3 problems",
      "  apps[0].render.directory.jsonnet.tlas[0].name: a jsonnet identifier (letters, digits, '_', not starting with a digit)",
      "  apps[0].render.directory.jsonnet.extVars[0].value: Invalid input: expected string, received undefined",
      '  apps[0].render.directory.jsonnet: Unrecognized key: "libz"',
    ].join("\n"));
  });

  it("takes a valid one with its defaults", () => {
    const app = parseConfig(config("{ tlas: [{ name: env, value: prod }], libs: [vendor] }"), "sluice.yaml").apps[0];
    expect(app?.render).toEqual({ directory: { recurse: true, include: ["**/*.{yaml,yml,json,jsonnet}"], exclude: [], jsonnet: { tlas: [{ name: "env", value: "prod", code: false }], extVars: [], libs: ["vendor"] } } });
  });
});
