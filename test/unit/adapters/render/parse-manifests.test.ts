import { describe, expect, it } from "vitest";
import { ManifestError, parseManifests } from "../../../../src/adapters/render/parse-manifests.ts";

describe("parseManifests", () => {
  it("drops empty documents and flattens List kinds", () => {
    const text = "---\n# just a comment\n---\napiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }\n  - { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }\n---\n...\n---\napiVersion: v1\nkind: Service\nmetadata: { name: s }\n";
    expect(parseManifests(text, "all.yaml").map((m) => `${m.kind}/${m.metadata.name}`)).toEqual(["ConfigMap/a", "ConfigMap/b", "Service/s"]);
  });

  it("names the file and line of a YAML error, and the Helm template it came from", () => {
    const text = "---\n# Source: web/templates/ok.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\n# Source: web/templates/broken.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n   bad: indent\n";
    expect(() => parseManifests(text, "helm template charts/web")).toThrow(ManifestError);
    expect(() => parseManifests(text, "helm template charts/web")).toThrow(/^helm template charts\/web:12 \(web\/templates\/broken\.yaml\): bad indentation/);
  });

  it("names the document that is not a Kubernetes object by its first line", () => {
    expect(() => parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\nfoo: bar\n", "x.yaml")).toThrow("x.yaml:5: not a Kubernetes object (apiVersion: Invalid input: expected string, received undefined; kind: Invalid input: expected string, received undefined; metadata: Invalid input: expected object, received undefined)");
  });
});
