import { describe, expect, it } from "vitest";
import { mergeFieldsV1 } from "../../../../src/engine/sync/merge-fields-v1.ts";

describe("mergeFieldsV1", () => {
  it("unions two sets path by path, keeping list keys and `.` members of either", () => {
    // Prepare: Sluice's apply owns the image; kubectl's client-side apply also owned a label and an env entry
    const container = 'k:{"name":"web"}';
    const sluice = { "f:spec": { "f:template": { "f:spec": { "f:containers": { [container]: { ".": {}, "f:image": {} } } } } } };
    const kubectl = {
      "f:metadata": { "f:labels": { ".": {}, "f:tier": {} } },
      "f:spec": { "f:template": { "f:spec": { "f:containers": { [container]: { "f:env": { ".": {}, 'k:{"name":"DEBUG"}': { ".": {}, "f:value": {} } } } } } } },
    };

    // Act
    const merged = mergeFieldsV1(sluice, kubectl);

    // Assess
    expect(merged).toEqual({
      "f:metadata": { "f:labels": { ".": {}, "f:tier": {} } },
      "f:spec": { "f:template": { "f:spec": { "f:containers": { [container]: {
        ".": {}, "f:image": {}, "f:env": { ".": {}, 'k:{"name":"DEBUG"}': { ".": {}, "f:value": {} } },
      } } } } },
    });
    expect(sluice["f:spec"]["f:template"]["f:spec"]["f:containers"][container]).toEqual({ ".": {}, "f:image": {} });
  });
});
