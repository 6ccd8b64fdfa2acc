import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { toYaml } from "../../../../src/adapters/yaml/to-yaml.ts";
import { importResources } from "../../../../src/jobs/import/import-resources.ts";

// Argo CD's "Jsonnet" user guide (docs/user-guide/jsonnet.md): ext vars and tlas, string or code,
// library paths, and a value naming a build environment variable.
const application = {
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Application",
  metadata: { name: "jsonnet-guestbook", namespace: "argocd" },
  spec: {
    destination: { server: "https://kubernetes.default.svc", namespace: "guestbook" },
    source: {
      repoURL: "https://github.com/argoproj/argocd-example-apps.git",
      targetRevision: "HEAD",
      path: "jsonnet-guestbook",
      directory: {
        jsonnet: {
          extVars: [{ name: "foo", value: "bar" }, { code: true, name: "baz", value: "true" }],
          tlas: [{ code: false, name: "foo", value: "bar" }, { name: "app", value: "$ARGOCD_APP_NAME" }],
          libs: ["vendor"],
        },
      },
    },
  },
};

describe("importResources of a jsonnet Application", () => {
  it("carries tlas, extVars and libs over into a config that loads", () => {
    // Act
    const result = importResources([application]);
    const config = parseConfig(toYaml({ clusters: result.clusters.map((name) => ({ name, kubeconfig: { path: "~/.kube/config" } })), apps: result.apps }), "imported.yaml");

    // Assess
    expect(config.apps[0]?.render).toEqual({ directory: { recurse: false, include: ["**/*.{yaml,yml,json,jsonnet}"], exclude: [], jsonnet: {
      extVars: [{ name: "foo", value: "bar", code: false }, { name: "baz", value: "true", code: true }],
      tlas: [{ name: "foo", value: "bar", code: false }, { name: "app", value: "$ARGOCD_APP_NAME", code: false }],
      libs: ["vendor"],
    } } });
  });

  it("says that a build variable in a value is not expanded, and notes nothing else", () => {
    const result = importResources([application]);
    expect(result.notes.filter((n) => n.field?.includes("jsonnet"))).toEqual([{
      source: "Application argocd/jsonnet-guestbook", level: "changed", field: "spec.source.directory.jsonnet.tlas[1].value",
      message: "app: Argo CD's build variables are not expanded; the value is kept as written",
    }]);
  });
});
