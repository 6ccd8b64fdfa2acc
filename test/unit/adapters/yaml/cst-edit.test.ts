import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  YamlEditError,
  findOptionalScalar,
  findScalar,
  findScalars,
  replaceScalars,
} from "../../../../src/adapters/yaml/cst-edit.ts";
import type { KeyPath } from "../../../../src/core/config/key-path.ts";
import type { ScalarLocation } from "../../../../src/adapters/yaml/cst-edit.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/writeback/${name}`, import.meta.url), "utf8");

/** The input with exactly the located scalar's bytes swapped for `newSource`. */
const spliced = (input: string, at: ScalarLocation, newSource: string): string =>
  input.slice(0, at.offset) + newSource + input.slice(at.offset + at.source.length);

const replaceAt = (input: string, path: KeyPath, value: string, doc = 0): string =>
  replaceScalars(input, [{ location: findScalar(input, path, doc), value }]);

const refusal = (run: () => unknown): YamlEditError => {
  try {
    run();
  } catch (error) {
    if (error instanceof YamlEditError) return error;
    throw error;
  }
  throw new Error("expected a YamlEditError");
};

describe("findScalar", () => {
  it("locates a nested value in a large commented values file", () => {
    // Prepare
    const values = fixture("bitnami-nginx-values.yaml");

    // Act
    const found = findScalar(values, ["metrics", "image", "tag"]);

    // Assess
    expect(found).toMatchObject({ doc: 0, value: "1.2.0-debian-12-r1", style: "PLAIN", source: "1.2.0-debian-12-r1" });
    expect(values.slice(found.offset, found.offset + found.source.length)).toBe("1.2.0-debian-12-r1");
  });

  it("follows sequence indexes given as numbers or digit strings, and enters flow collections", () => {
    const release = fixture("home-ops-autobrr-helmrelease.yaml");
    const capabilities = ["spec", "values", "controllers", "autobrr", "containers", "app", "securityContext", "capabilities"];

    expect(findScalar(release, [...capabilities, "drop", 0])).toMatchObject({ value: "ALL", style: "QUOTE_DOUBLE" });
    expect(findScalar(release, [...capabilities, "drop", "0"]).value).toBe("ALL");
    expect(findScalar(release, ["spec", "values", "route", "app", "hostnames", 0]).value).toBe("{{ .Release.Name }}.devbu.io");
  });

  it("finds values in the requested document of a multi-document file", () => {
    const manifests = fixture("multi-doc-deployments.yaml");

    expect(findScalar(manifests, ["metadata", "name"], 0).value).toBe("loadgenerator");
    expect(findScalar(manifests, ["metadata", "name"], 1).value).toBe("argocd-repo-server");
    expect(refusal(() => findScalar(manifests, ["metadata", "name"], 2)).message).toBe(
      "the file has no document 2 (it has 2)",
    );
  });

  it("reports the comment on the value's line", () => {
    const kustomization = fixture("flux-iac-kustomization.yaml");

    expect(findScalar(kustomization, ["images", 0, "newTag"]).comment).toBe('{"$imagepolicy": "automation-ns:policy:tag"}');
    expect(findScalar(kustomization, ["images", 0, "name"]).comment).toBeUndefined();
  });

  it("refuses a missing key, naming the path", () => {
    const error = refusal(() => findScalar(fixture("bitnami-nginx-values.yaml"), ["image", "version"]));

    expect(error.message).toBe("image.version: key not found");
    expect(error.path).toEqual(["image", "version"]);
  });

  it("returns undefined from findOptionalScalar only when the last key is missing", () => {
    const values = fixture("bitnami-nginx-values.yaml");

    expect(findOptionalScalar(values, ["image", "version"])).toBeUndefined();
    expect(refusal(() => findOptionalScalar(values, ["nope", "tag"])).message).toBe("nope: key not found");
  });

  it("refuses a path that ends on a map or a sequence", () => {
    const values = fixture("bitnami-nginx-values.yaml");

    expect(refusal(() => findScalar(values, ["image"])).message).toBe("image: is a map, not a scalar");
    expect(refusal(() => findScalar(values, ["diagnosticMode", "args"])).message).toBe(
      "diagnosticMode.args: is a sequence, not a scalar",
    );
  });

  it("refuses an alias as the target and a path that goes through one", () => {
    const release = fixture("home-ops-autobrr-helmrelease.yaml");

    expect(refusal(() => findScalar(release, ["spec", "values", "service", "app", "ports", "http", "port"])).message).toMatch(
      /^spec\.values\.service\.app\.ports\.http\.port: is an alias \(\*port\)/,
    );
    const probes = ["spec", "values", "controllers", "autobrr", "containers", "app", "probes"];
    expect(refusal(() => findScalar(release, [...probes, "readiness", "enabled"])).message).toMatch(
      /probes\.readiness: is an alias \(\*probes\)/,
    );
  });

  it("explains that keys inherited through a merge key cannot be edited in place", () => {
    const input = "base: &base\n  tag: 1.0.0\nweb:\n  <<: *base\n  name: web\n";

    expect(refusal(() => findScalar(input, ["web", "tag"])).message).toBe(
      "web.tag: key not found; the map has a merge key (<<), and values inherited through it cannot be edited in place",
    );
  });

  it("refuses null values, block scalars and files that do not parse", () => {
    expect(refusal(() => findScalar("image:\n  tag:\n", ["image", "tag"])).message).toBe(
      "image.tag: has no value (null); there are no bytes to replace",
    );
    expect(refusal(() => findScalar("tag: |\n  1.0.0\n", ["tag"])).message).toBe(
      "tag: is a block scalar (| or >), which is not supported",
    );
    const broken = refusal(() => findScalar("image: {tag: 1\n", ["image", "tag"]));
    expect(broken.message).toMatch(/^the file does not parse as YAML: /);
    expect(broken.cause).toBeInstanceOf(Error);
  });
});

describe("findScalars", () => {
  it("visits every scalar of every document with its path", () => {
    const manifests = fixture("multi-doc-deployments.yaml");

    const images = findScalars(manifests, (s) => s.path.at(-1) === "image");

    expect(images.map((s) => [s.doc, s.path.join("."), s.value])).toEqual([
      [0, "spec.template.spec.initContainers.0.image", "busybox:latest"],
      [0, "spec.template.spec.containers.0.image", "gcr.io/google-samples/microservices-demo/loadgenerator:v0.8.0"],
      [1, "spec.template.spec.containers.0.image", "quay.io/argoproj/argocd:latest"],
      [1, "spec.template.spec.initContainers.0.image", "quay.io/argoproj/argocd:latest"],
    ]);
  });
});

describe("replaceScalars", () => {
  it("changes only the value's bytes in a large commented file", () => {
    // Prepare
    const values = fixture("bitnami-nginx-values.yaml");
    const tag = findScalar(values, ["image", "tag"]);

    // Act
    const output = replaceScalars(values, [{ location: tag, value: "1.27.1-debian-12-r3" }]);

    // Assess
    expect(output).toBe(spliced(values, tag, "1.27.1-debian-12-r3"));
    expect(parse(output).image.tag).toBe("1.27.1-debian-12-r3");
    expect(parse(output).cloneStaticSiteFromGit.image.tag).toBe("2.45.2-debian-12-r0");
  });

  it.each([
    ["1.10", '"1.10"'],
    ["1e3", '"1e3"'],
    ["true", '"true"'],
    ["0x1F", '"0x1F"'],
    ["null", '"null"'],
    ["012", '"012"'],
    ["yes", '"yes"'],
    ["on", '"on"'],
    ["1_000", '"1_000"'],
    ["2024-01-01", '"2024-01-01"'],
    ["a: b", '"a: b"'],
    ["x #y", '"x #y"'],
    ["", '""'],
    ["1.2.3", "1.2.3"],
    ["v1.10", "v1.10"],
    ["sha256:0f1e", "sha256:0f1e"],
  ])("writes %j over a plain value as %s", (value, source) => {
    const input = "image:\n  tag: 1.0.0 # pinned\n";

    const output = replaceAt(input, ["image", "tag"], value);

    expect(output).toBe(`image:\n  tag: ${source} # pinned\n`);
    expect(parse(output, { version: "1.1" }).image.tag).toBe(value);
    expect(parse(output).image.tag).toBe(value);
  });

  it("keeps the old quote style, escaping as that style requires", () => {
    expect(replaceAt("tag: '1.0'\n", ["tag"], "1.10")).toBe("tag: '1.10'\n");
    expect(replaceAt("tag: '1.0'\n", ["tag"], "it's")).toBe("tag: 'it''s'\n");
    expect(replaceAt('tag: "1.0"\n', ["tag"], "1.2.3")).toBe('tag: "1.2.3"\n');
  });

  it("quotes values that a flow collection would split", () => {
    expect(replaceAt("image: {tag: 1.0}\n", ["image", "tag"], "a,b")).toBe('image: {tag: "a,b"}\n');
    expect(replaceAt("tags: [1.0, 2.0]\n", ["tags", 1], "v2")).toBe("tags: [1.0, v2]\n");
  });

  it("keeps CRLF line endings and a byte order mark", () => {
    const crlf = fixture("argo-cd-kustomization.crlf.yaml");
    const tag = findScalar(crlf, ["images", 0, "newTag"]);

    const output = replaceScalars(crlf, [{ location: tag, value: "v2.8.0" }]);
    const withBom = replaceAt("\uFEFFtag: 1.0.0\r\n", ["tag"], "1.10");

    expect(output).toBe(spliced(crlf, tag, "v2.8.0"));
    expect(output.split("\r\n")).toHaveLength(crlf.split("\r\n").length);
    expect(output.replace(/\r\n/g, "")).not.toContain("\n");
    expect(withBom).toBe('\uFEFFtag: "1.10"\r\n');
  });

  it("edits several values in different documents at once", () => {
    const manifests = fixture("multi-doc-deployments.yaml");
    const images = findScalars(manifests, (s) => s.value === "quay.io/argoproj/argocd:latest");

    const output = replaceScalars(
      manifests,
      images.map((location) => ({ location, value: "quay.io/argoproj/argocd:v2.8.0" })),
    );

    expect(images).toHaveLength(2);
    expect(output).toBe(manifests.replaceAll("quay.io/argoproj/argocd:latest", "quay.io/argoproj/argocd:v2.8.0"));
  });

  it("returns the very same string when every value is already set", () => {
    const values = fixture("bitnami-nginx-values.yaml");

    expect(replaceAt(values, ["image", "tag"], "1.27.0-debian-12-r1")).toBe(values);
    expect(replaceScalars(values, [])).toBe(values);
  });

  it("quotes a plain value that YAML reads as a number even when its text is already the new value", () => {
    expect(replaceAt("tag: 1.10 # as typed\n", ["tag"], "1.10")).toBe('tag: "1.10" # as typed\n');
  });

  it("edits an anchored value that no alias reuses", () => {
    const input = "image:\n  tag: &tag 1.0.0\n";

    expect(replaceAt(input, ["image", "tag"], "2.0.0")).toBe("image:\n  tag: &tag 2.0.0\n");
  });

  it("refuses an anchored value, or a value under an anchored map, that an alias reuses", () => {
    const release = fixture("home-ops-autobrr-helmrelease.yaml");
    const probes = ["spec", "values", "controllers", "autobrr", "containers", "app", "probes", "liveness"];

    expect(refusal(() => replaceAt(release, ["metadata", "name"], "other")).message).toBe(
      "metadata.name: carries the anchor &app, which an alias (*app) reuses elsewhere; editing it would change those places too",
    );
    expect(refusal(() => replaceAt(release, [...probes, "spec", "httpGet", "path"], "/healthz")).message).toBe(
      `${probes.join(".")}.spec.httpGet.path: sits under the anchor &probes, which an alias (*probes) reuses elsewhere; editing it would change those places too`,
    );
  });

  it("leaves a shared value alone, without refusing, when it already holds the new value", () => {
    const release = fixture("home-ops-autobrr-helmrelease.yaml");

    expect(replaceAt(release, ["metadata", "name"], "autobrr")).toBe(release);
  });

  it("refuses the edit when the re-parse shows another meaning than the intended string", () => {
    const input = "service:\n  port: !!int 8080\n";

    const error = refusal(() => replaceAt(input, ["service", "port"], "http"));

    expect(error.message).toMatch(/^service\.port: refusing the edit: the result has a new YAML warning: Unresolved tag/);
  });

  it("refuses values with line breaks and locations from another version of the file", () => {
    const input = "tag: 1.0.0\n";
    const stale = findScalar(input, ["tag"]);

    expect(refusal(() => replaceAt(input, ["tag"], "1.0\nevil: true")).message).toBe(
      "tag: the new value contains a line break or control character",
    );
    expect(refusal(() => replaceScalars(`# moved\n${input}`, [{ location: stale, value: "2" }])).message).toBe(
      "tag: the file changed since the value was located",
    );
  });
});
