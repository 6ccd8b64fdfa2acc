import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WriteBackError } from "../../../../src/engine/writeback/write-back-error.ts";
import { readImage, writeImage } from "../../../../src/engine/writeback/write-image.ts";
import type { SetterWriteSpec } from "../../../../src/core/config/write-spec.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/writeback/${name}`, import.meta.url), "utf8");

const spec = (setter: string): SetterWriteSpec => ({ file: "clusters/dev/app.yaml", setter });

describe("setter markers", () => {
  it("writes a Flux-marked whole image reference, keeping the marker", () => {
    // Prepare
    const cronjob = fixture("flux-iac-marked-cronjob.yaml");
    const image = { repository: "docker.io/library/image" };

    // Act
    const result = writeImage(cronjob, spec("automation-ns:policy"), image, { tag: "v1.0.1", digest: "sha256:0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b" });

    // Assess
    expect(result.old).toEqual({ tag: "v1.0.0" });
    expect(result.content).toBe(cronjob.replace("image: image:v1.0.0 #", "image: image:v1.0.1@sha256:0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b0a1b #"));
  });

  it("writes Flux :name and :tag markers in a kustomization", () => {
    const kustomization = fixture("flux-iac-kustomization.yaml");

    const result = writeImage(kustomization, spec("automation-ns:policy"), { repository: "ghcr.io/team/web" }, { tag: "v2" });

    expect(result.old).toEqual({ tag: "v1" });
    expect(result.content).toBe(
      kustomization.replace("newName: replaced #", "newName: ghcr.io/team/web #").replace("newTag: v1 #", "newTag: v2 #"),
    );
  });

  it("writes Sluice markers and the :digest suffix, quoting numeric-looking tags", () => {
    const input = [
      "image:",
      '  repository: ghcr.io/team/web # {"sluice": "web:api:name"}',
      '  tag: "1.0" # {"sluice": "web:api:tag"}',
      '  digest: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa # {"sluice": "web:api:digest"}',
      'sidecar: ghcr.io/team/web:1.0 # {"sluice": "web:api"}',
      'other: ghcr.io/team/other:1.0 # {"sluice": "web:other"}',
      "",
    ].join("\n");
    const web = { repository: "ghcr.io/team/web" };

    const result = writeImage(input, spec("web:api"), web, { tag: "1.10", digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" });

    expect(result.old).toEqual({ tag: "1.0", digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" });
    expect(result.content).toBe(
      input
        .replace('tag: "1.0"', 'tag: "1.10"')
        .replace("digest: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "digest: sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
        .replace("sidecar: ghcr.io/team/web:1.0", "sidecar: ghcr.io/team/web:1.10@sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
    );
    expect(readImage(result.content, spec("web:api"), web)).toEqual({ tag: "1.10", digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" });
  });

  it("returns the same string when the marked values are current", () => {
    const cronjob = fixture("flux-iac-marked-cronjob.yaml");

    const result = writeImage(cronjob, spec("automation-ns:policy"), { repository: "docker.io/library/image" }, { tag: "v1.0.0" });

    expect(result).toEqual({ content: cronjob, changed: false, old: { tag: "v1.0.0" } });
  });

  it("refuses a file without the marker", () => {
    const run = (): unknown => readImage(fixture("flux-iac-marked-cronjob.yaml"), spec("web:api"), { repository: "x/y" });

    expect(run).toThrow(WriteBackError);
    expect(run).toThrow('clusters/dev/app.yaml: no value is marked # {"sluice": "web:api"} or # {"$imagepolicy": "web:api"}');
  });

  it("refuses a whole-image marker on a value that is not an image reference", () => {
    const input = 'image: "{{ .Values.image }}" # {"sluice": "web:api"}\n';

    expect(() => writeImage(input, spec("web:api"), { repository: "x/y" }, { tag: "1" })).toThrow(
      'clusters/dev/app.yaml: the value "{{ .Values.image }}" marked for web:api is not an image reference',
    );
  });
});
