import { describe, expect, it } from "vitest";
import { parseSetterMarker } from "../../../../src/engine/writeback/setter-marker.ts";

describe("parseSetterMarker", () => {
  it.each([
    ['{"sluice": "web:api"}', { setter: "web:api", field: "image" }],
    ['{"$imagepolicy": "flux-system:podinfo"}', { setter: "flux-system:podinfo", field: "image" }],
    ['{"$imagepolicy": "flux-system:podinfo:tag"}', { setter: "flux-system:podinfo", field: "tag" }],
    ['{"$imagepolicy": "flux-system:podinfo:name"}', { setter: "flux-system:podinfo", field: "name" }],
    ['{"$imagepolicy": "flux-system:podinfo:digest"}', { setter: "flux-system:podinfo", field: "digest" }],
    ['{ "sluice" : "web:api:tag" }', { setter: "web:api", field: "tag" }],
  ])("reads %s", (comment, marker) => {
    expect(parseSetterMarker(comment)).toEqual(marker);
  });

  it.each([
    "pinned for now",
    "{not json}",
    '{"other": "web:api"}',
    '{"sluice": 3}',
    '{"sluice": "web"}',
    '{"sluice": "web:api:version"}',
    '{"sluice": "web:api:tag:x"}',
  ])("ignores %j", (comment) => {
    expect(parseSetterMarker(comment)).toBeUndefined();
  });
});
