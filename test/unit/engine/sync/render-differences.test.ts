import { describe, expect, it } from "vitest";
import { renderDifferences } from "../../../../src/engine/sync/render-differences.ts";
import type { Manifest } from "../../../../src/adapters/render/manifest.ts";

const secret = (token: string, cert: string): Manifest => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "tls", namespace: "shop", annotations: { "checksum/x": token } }, data: { "tls.crt": cert, user: "admin" } });
const cm: Manifest = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings" }, data: { a: "1" } };

describe("renderDifferences", () => {
  it("names each object and field that differs between two renders of one revision", () => {
    const first = [cm, secret("abc", "MIIB1"), { ...cm, metadata: { name: "", generateName: "job-" } }];
    const second = [cm, secret("xyz", "MIIB2"), { ...cm, metadata: { name: "", generateName: "job-" }, data: { a: "2" } }];

    expect(renderDifferences(first, second)).toEqual([
      { key: "/Secret/shop/tls", name: "Secret/tls", paths: ["/metadata/annotations/checksum~1x", "/data/tls.crt"] },
    ]);
  });

  it("finds nothing in renders that agree, and compares only objects in both", () => {
    expect(renderDifferences([cm, secret("a", "b")], [cm])).toEqual([]);
    expect(renderDifferences([cm], [structuredClone(cm)])).toEqual([]);
  });
});
