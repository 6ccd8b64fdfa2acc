import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { WriteBackError } from "../../../../src/engine/writeback/write-back-error.ts";
import { readImage, writeImage } from "../../../../src/engine/writeback/write-image.ts";
import type { ManifestWriteSpec } from "../../../../src/core/config/write-spec.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/writeback/${name}`, import.meta.url), "utf8");

const changedLines = (before: string, after: string): [number, string, string][] => {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i): [number, string, string][] => (line === b[i] ? [] : [[i + 1, line, b[i] ?? ""]]));
};

const spec: ManifestWriteSpec = { file: "deploy/manifests.yaml", manifest: true };
const manifests = fixture("multi-doc-deployments.yaml");

describe("plain manifests", () => {
  it("writes every container and init container image of the repository, in every document", () => {
    // Prepare
    const argocd = { repository: "quay.io/argoproj/argocd" };

    // Act
    const result = writeImage(manifests, spec, argocd, { tag: "v2.8.0" });

    // Assess
    expect(result.old).toEqual({ tag: "latest" });
    expect(changedLines(manifests, result.content)).toEqual([
      [105, "        image: quay.io/argoproj/argocd:latest", "        image: quay.io/argoproj/argocd:v2.8.0"],
      [392, "        image: quay.io/argoproj/argocd:latest", "        image: quay.io/argoproj/argocd:v2.8.0"],
    ]);
    const [, repoServer] = parseAllDocuments(result.content).map((d) => d.toJS());
    expect(repoServer.spec.template.spec.initContainers[0].image).toBe("quay.io/argoproj/argocd:v2.8.0");
  });

  it("matches Docker Hub short names, keeps their spelling, and appends a known digest", () => {
    const busybox = { repository: "docker.io/library/busybox" };

    const result = writeImage(manifests, spec, busybox, { tag: "1.37", digest: "sha256:0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b" });

    expect(changedLines(manifests, result.content)).toEqual([
      [57, "        image: busybox:latest", "        image: busybox:1.37@sha256:0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b"],
    ]);
    expect(readImage(result.content, spec, busybox)).toEqual({ tag: "1.37", digest: "sha256:0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b" });
  });

  it("returns the same string when the images already have the tag", () => {
    const loadgenerator = { repository: "gcr.io/google-samples/microservices-demo/loadgenerator" };

    const result = writeImage(manifests, spec, loadgenerator, { tag: "v0.8.0" });

    expect(result).toEqual({ content: manifests, changed: false, old: { tag: "v0.8.0" } });
  });

  it("ignores image keys outside containers and initContainers", () => {
    const input = "metadata:\n  annotations:\n    image: web:1\nspec:\n  containers:\n  - name: web\n    image: web:1\n";

    const result = writeImage(input, spec, { repository: "docker.io/library/web" }, { tag: "2" });

    expect(result.content).toBe("metadata:\n  annotations:\n    image: web:1\nspec:\n  containers:\n  - name: web\n    image: web:2\n");
  });

  it("refuses a file without the repository's image", () => {
    const run = (): unknown => writeImage(manifests, spec, { repository: "ghcr.io/team/web" }, { tag: "1" });

    expect(run).toThrow(WriteBackError);
    expect(run).toThrow("deploy/manifests.yaml: no containers[].image or initContainers[].image names ghcr.io/team/web");
  });
});
