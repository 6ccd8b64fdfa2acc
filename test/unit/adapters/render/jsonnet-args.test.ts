import { describe, expect, it } from "vitest";
import { jsonnetArgs } from "../../../../src/adapters/render/jsonnet-args.ts";
import { jsonnetConfigSchema } from "../../../../src/core/config/jsonnet-config.ts";

describe("jsonnetArgs", () => {
  it("searches the app's folder first, then each library in order, as go-jsonnet's -J does", () => {
    // Prepare
    const options = jsonnetConfigSchema.parse({ libs: ["vendor", "lib/k8s"] });

    // Act
    const args = jsonnetArgs("apps/web/main.jsonnet", "apps/web", options);

    // Assess
    expect(args).toEqual(["-J", "apps/web", "-J", "vendor", "-J", "lib/k8s", "--", "apps/web/main.jsonnet"]);
  });

  it("gives strings as strings and code as code, for ext vars and top-level arguments", () => {
    // Prepare
    const options = jsonnetConfigSchema.parse({
      extVars: [{ name: "region", value: "eu-west-1" }, { name: "replicas", value: "1 + 2", code: true }],
      tlas: [{ name: "env", value: "prod=eu" }, { name: "debug", value: "false", code: true }],
    });

    // Act
    const args = jsonnetArgs("main.jsonnet", ".", options);

    // Assess: a value's own "=" stays in it (the command splits at the first one).
    expect(args).toEqual([
      "-J", ".",
      "--ext-str", "region=eu-west-1", "--ext-code", "replicas=1 + 2",
      "--tla-str", "env=prod=eu", "--tla-code", "debug=false",
      "--", "main.jsonnet",
    ]);
  });

  it("ends the options before the file, so a file named like an option is read as a file", () => {
    const args = jsonnetArgs("-e.jsonnet", ".", jsonnetConfigSchema.parse({}));
    expect(args.slice(-2)).toEqual(["--", "-e.jsonnet"]);
  });
});

describe("jsonnetConfigSchema", () => {
  it("takes Argo CD's directory.jsonnet as Argo CD writes it", () => {
    const parsed = jsonnetConfigSchema.parse({ tlas: [{ name: "env", value: "prod", code: false }], extVars: [{ name: "x", value: "{a: 1}", code: true }], libs: ["vendor"] });
    expect(parsed).toEqual({ tlas: [{ name: "env", value: "prod", code: false }], extVars: [{ name: "x", value: "{a: 1}", code: true }], libs: ["vendor"] });
  });

  it("lists every problem with its path", () => {
    const result = jsonnetConfigSchema.safeParse({ tlas: [{ name: "1env", value: "a" }, { name: "ok", value: 3 }], extVars: [{ name: "r", value: "a" }, { name: "r", value: "b" }], libs: [""], jpath: [] });
    const issues = result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.code}`);
    expect(issues).toEqual(expect.arrayContaining(["tlas.0.name: invalid_format", "tlas.1.value: invalid_type", "libs.0: too_small", ": unrecognized_keys"]));
    expect(issues).toHaveLength(4);
  });

  it("names a variable given twice", () => {
    const result = jsonnetConfigSchema.safeParse({ extVars: [{ name: "r", value: "a" }, { name: "r", value: "b" }] });
    expect(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual(["extVars.1.name: r is given twice"]);
  });
});
