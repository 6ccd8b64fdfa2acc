import { describe, expect, it } from "vitest";
import { WriteBackError } from "../../../../src/engine/writeback/write-back-error.ts";
import { readImage, writeImage } from "../../../../src/engine/writeback/write-image.ts";
import type { WriteSpec } from "../../../../src/core/config/write-spec.ts";
import { writeTargetFor } from "../../../../src/engine/writeback/write-target-for.ts";

const web = { repository: "docker.io/library/web" };

describe("writeImage", () => {
  it.each<[WriteSpec, string]>([
    [{ file: "values.yaml", tag: "image.tag" }, "helm"],
    [{ file: "kustomization.yaml", kustomize: { name: "web" } }, "kustomize"],
    [{ file: "deploy.yaml", manifest: true }, "manifest"],
    [{ file: "deploy.yaml", setter: "web:api" }, "setter"],
  ])("dispatches %j to the %s target", (spec, kind) => {
    expect(writeTargetFor(spec).kind).toBe(kind);
  });

  it.each([["bad tag"], ["-leading-dash"], [".hidden"], ["a".repeat(129)], ["1.0\nevil: true"]])(
    "refuses the tag %j before reading the file",
    (tag) => {
      const run = (): unknown => writeImage("image:\n  tag: 1.0.0\n", { file: "values.yaml", tag: "image.tag" }, web, { tag });

      expect(run).toThrow(WriteBackError);
      expect(run).toThrow(/^values\.yaml: ".*" is not a valid image tag$/s);
    },
  );

  it("refuses a malformed digest", () => {
    const run = (): unknown =>
      writeImage("image:\n  tag: 1.0.0\n", { file: "values.yaml", tag: "image.tag" }, web, { tag: "1", digest: "md5" });

    expect(run).toThrow('values.yaml: "md5" is not a valid digest');
  });

  it("turns a malformed key path in an unvalidated spec into a WriteBackError", () => {
    const run = (): unknown => readImage("image:\n  tag: 1.0.0\n", { file: "values.yaml", tag: "image..tag" }, web);

    expect(run).toThrow(WriteBackError);
    expect(run).toThrow('values.yaml: invalid key path "image..tag" at character 7: empty segment');
  });

  it("reports what the file said before", () => {
    const result = writeImage("image:\n  tag: 1.0.0\n", { file: "values.yaml", tag: "image.tag" }, web, { tag: "1.1.0" });

    expect(result).toEqual({ content: "image:\n  tag: 1.1.0\n", changed: true, old: { tag: "1.0.0" } });
  });
});
