import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { readImage, writeImage } from "../../../../src/engine/writeback/write-image.ts";
import type { WriteSpec } from "../../../../src/core/config/write-spec.ts";
import { assertProperty } from "../../property/assert-property.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/writeback/${name}`, import.meta.url), "utf8");

/** Valid image tags, weighted towards ones YAML would read as numbers, booleans, nulls or dates. */
const tags = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,40}$/),
  fc.stringMatching(/^[0-9][0-9._eE-]{0,8}$/),
  fc.constantFrom("1.10", "1e3", "1E3", "true", "False", "0x1F", "0o17", "null", "Null", "012", "1_000", "yes", "No", "on", "y", "2024-01-01", "NaN"),
);

const digests = fc.option(fc.stringMatching(/^sha256:[0-9a-f]{64}$/), { nil: undefined });

/** The line numbers (1-based) at which two texts differ; they must have the same number of lines. */
const differingLines = (before: string, after: string): number[] => {
  const a = before.split(/(?<=\n)/);
  const b = after.split(/(?<=\n)/);
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [i + 1]));
};

describe("write then read", () => {
  it("returns the tag and changes no line but the tag's, in a large values file", () => {
    const values = fixture("bitnami-nginx-values.yaml");
    const spec: WriteSpec = { file: "values.yaml", tag: "image.tag", digest: "image.digest" };
    const nginx = { repository: "docker.io/bitnami/nginx" };

    assertProperty(
      fc.property(tags, digests, (tag, digest) => {
        const next = digest === undefined ? { tag } : { tag, digest };

        const { content } = writeImage(values, spec, nginx, next);

        expect(readImage(content, spec, nginx)).toEqual(next);
        expect(parse(content).image.tag).toBe(tag);
        const lines = differingLines(values, content);
        expect(lines.filter((n) => n !== 83 && n !== 84)).toEqual([]);
        expect(lines).toContain(83);
      }),
      { numRuns: 40 },
    );
  }, 30_000);

  it("returns the tag and changes no other line, in a CRLF kustomization", () => {
    const kustomization = fixture("argo-cd-kustomization.crlf.yaml");
    const spec: WriteSpec = { file: "kustomization.yaml", kustomize: { name: "quay.io/argoproj/argocd" } };
    const argocd = { repository: "quay.io/argoproj/argocd" };

    assertProperty(
      fc.property(tags, (tag) => {
        const { content, changed } = writeImage(kustomization, spec, argocd, { tag });

        expect(changed).toBe(tag !== "v2.7.6");
        expect(readImage(content, spec, argocd)).toEqual({ tag });
        expect(differingLines(kustomization, content).filter((n) => n !== 8)).toEqual([]);
        expect(content.match(/\r\n/g)).toHaveLength(kustomization.match(/\r\n/g)?.length ?? 0);
      }),
      { numRuns: 200 },
    );
  });

  it("returns the tag and keeps the markers, in a Flux-marked kustomization", () => {
    const kustomization = fixture("flux-iac-kustomization.yaml");
    const spec: WriteSpec = { file: "kustomization.yaml", setter: "automation-ns:policy" };
    const image = { repository: "ghcr.io/team/web" };

    assertProperty(
      fc.property(tags, (tag) => {
        const { content } = writeImage(kustomization, spec, image, { tag });

        expect(readImage(content, spec, image)).toEqual({ tag });
        expect(differingLines(kustomization, content).filter((n) => n !== 8 && n !== 9)).toEqual([]);
        expect(content).toContain('# {"$imagepolicy": "automation-ns:policy:tag"}\n');
      }),
      { numRuns: 200 },
    );
  });

  it("returns the tag in every matching container of a multi-document manifest", () => {
    const manifests = fixture("multi-doc-deployments.yaml");
    const spec: WriteSpec = { file: "manifests.yaml", manifest: true };
    const argocd = { repository: "quay.io/argoproj/argocd" };

    assertProperty(
      fc.property(tags, digests, (tag, digest) => {
        const next = digest === undefined ? { tag } : { tag, digest };

        const { content } = writeImage(manifests, spec, argocd, next);

        expect(readImage(content, spec, argocd)).toEqual(next);
        expect(differingLines(manifests, content).filter((n) => n !== 105 && n !== 392)).toEqual([]);
        expect(parseAllDocuments(content)).toHaveLength(2);
      }),
      { numRuns: 40 },
    );
  }, 30_000);
});
