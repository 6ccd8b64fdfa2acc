import { describe, expect, it } from "vitest";
import { formatKeyPath } from "../../../../src/core/config/format-key-path.ts";
import { parseKeyPath } from "../../../../src/core/config/parse-key-path.ts";

describe("parseKeyPath", () => {
  it.each([
    ["image.tag", ["image", "tag"]],
    ["sidecars[0].image.tag", ["sidecars", 0, "image", "tag"]],
    ["containers.0.image", ["containers", "0", "image"]],
    ['ingress.annotations["kubernetes.io/ingress.class"]', ["ingress", "annotations", "kubernetes.io/ingress.class"]],
    ["ingress.annotations['a.b'].c", ["ingress", "annotations", "a.b", "c"]],
    ["annotations.kubernetes\\.io/name", ["annotations", "kubernetes.io/name"]],
    ['a["say \\"hi\\""]', ["a", 'say "hi"']],
    ["[1][2]", [1, 2]],
  ])("reads %s", (text, path) => {
    expect(parseKeyPath(text)).toEqual(path);
  });

  it.each([
    ["", "empty path"],
    ["a..b", "empty segment"],
    ["a.", "ends with ."],
    [".a", "empty segment"],
    ["a[x]", 'expected [n] or ["key"]'],
    ["a[0", 'expected [n] or ["key"]'],
    ['a["b]', 'expected "]'],
    ["a[0]b", "expected . or ["],
    ["a\\", "dangling \\"],
  ])("rejects %j (%s)", (text, why) => {
    expect(() => parseKeyPath(text)).toThrow(SyntaxError);
    expect(() => parseKeyPath(text)).toThrow(why);
  });
});

describe("formatKeyPath", () => {
  it.each([
    [["image", "tag"], "image.tag"],
    [["spec", "containers", 0, "image"], "spec.containers[0].image"],
    [["annotations", "kubernetes.io/ingress.class"], 'annotations["kubernetes.io/ingress.class"]'],
  ])("writes %j as %s, which parses back", (path, text) => {
    expect(formatKeyPath(path)).toBe(text);
    expect(parseKeyPath(text)).toEqual(path);
  });
});
