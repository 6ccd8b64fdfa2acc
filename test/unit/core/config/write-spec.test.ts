import { describe, expect, it } from "vitest";
import * as z from "zod";
import { writeSpecSchema } from "../../../../src/core/config/write-spec.ts";

describe("writeSpecSchema", () => {
  it.each([
    [{ file: "charts/web1/values-develop.yaml", tag: "image.tag" }],
    [{ file: "charts/web1/values-develop.yaml", tag: "image.tag", repository: "image.repository", digest: "image.digest" }],
    [{ file: "apps/web/helmrelease.yaml", document: 1, tag: 'spec.values["image"].tag' }],
    [{ file: "overlays/dev/kustomization.yaml", kustomize: { name: "web" } }],
    [{ file: "deploy/web.yaml", manifest: true }],
    [{ file: "deploy/web.yaml", setter: "web:api" }],
    [{ file: "clusters/dev/podinfo.yaml", setter: "flux-system:podinfo" }],
  ])("accepts %j", (spec) => {
    expect(writeSpecSchema.parse(spec)).toEqual(spec);
  });

  it.each([
    [{ file: "values.yaml" }, "expected exactly one write target"],
    [{ file: "values.yaml", tag: "image.tag", setter: "web:api" }, "expected exactly one write target"],
    [{ file: "values.yaml", tag: "image..tag" }, 'invalid key path "image..tag" at character 7: empty segment'],
    [{ file: "values.yaml", setter: "web" }, 'expected "<app>:<image>" or "<namespace>:<policy>"'],
    [{ file: "values.yaml", setter: "web:api:tag" }, 'expected "<app>:<image>" or "<namespace>:<policy>"'],
    [{ file: "deploy.yaml", manifest: false }, "expected exactly one write target"],
    [{ file: "", tag: "image.tag" }, "Too small"],
  ])("rejects %j, saying why", (spec, message) => {
    const result = writeSpecSchema.safeParse(spec);

    expect(result.success).toBe(false);
    expect(result.error && z.prettifyError(result.error)).toContain(message);
  });
});
