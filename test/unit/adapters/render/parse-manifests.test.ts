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
    expect(() => parseManifests(text, "helm template charts/web")).toThrow(/^helm template charts\/web:11 \(web\/templates\/broken\.yaml\): Nested mappings are not allowed/);
  });

  it("names the document that is not a Kubernetes object by its first line", () => {
    expect(() => parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\nfoo: bar\n", "x.yaml")).toThrow("x.yaml:5: not a Kubernetes object (apiVersion: Invalid input: expected string, received undefined; kind: Invalid input: expected string, received undefined; metadata: Invalid input: expected object, received undefined)");
  });

  it("starts a document on its marker's line when content follows the marker, and skips `...` ends", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n...\n--- !!map\nfoo: bar\n";

    expect(() => parseManifests(text, "x.yaml")).toThrow(/^x\.yaml:5: not a Kubernetes object/);
    expect(() => parseManifests("--- |\n  text\n", "y.yaml")).toThrow(/^y\.yaml:1: not a Kubernetes object/);
    expect(() => parseManifests("# note\n---\n# Source: a.yaml\nfoo: 1\n", "z.yaml")).toThrow(/^z\.yaml:3 \(a\.yaml\): not/);
  });

  it("reads a `---` inside a block scalar as text, not as a document break", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata:\n  doc: |\n    ---\n    inner: yes\n";

    expect(parseManifests(text, "x.yaml")).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "a" }, data: { doc: "---\ninner: yes\n" } },
    ]);
  });

  it("takes a hook named by generateName, its name left for the server, and still wants one of the two", () => {
    const hook = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n  annotations: { argocd.argoproj.io/hook: PreSync }\n";

    const [job] = parseManifests(hook, "hook.yaml");

    expect(job?.metadata).toEqual({ name: "", generateName: "migrate-", annotations: { "argocd.argoproj.io/hook": "PreSync" } });
    expect(() => parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata: { labels: { a: b } }\n", "cm.yaml"))
      .toThrow("cm.yaml:1: not a Kubernetes object (metadata.name: expected a name, or a generateName the server names it from)");
  });
});
