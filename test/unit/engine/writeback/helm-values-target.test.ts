import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { WriteBackError } from "../../../../src/engine/writeback/write-back-error.ts";
import { readImage, writeImage } from "../../../../src/engine/writeback/write-image.ts";
import type { HelmWriteSpec } from "../../../../src/core/config/write-spec.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/writeback/${name}`, import.meta.url), "utf8");

/** Lines that differ, as [line number, before, after]; the files must have the same number of lines. */
const changedLines = (before: string, after: string): [number, string, string][] => {
  const a = before.split("\n");
  const b = after.split("\n");
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i): [number, string, string][] => (line === b[i] ? [] : [[i + 1, line, b[i] ?? ""]]));
};

const refusal = (run: () => unknown): WriteBackError => {
  try {
    run();
  } catch (error) {
    if (error instanceof WriteBackError) return error;
    throw error;
  }
  throw new Error("expected a WriteBackError");
};

const nginx = { repository: "docker.io/bitnami/nginx" };
const values = fixture("bitnami-nginx-values.yaml");
const spec: HelmWriteSpec = { file: "charts/nginx/values.yaml", tag: "image.tag", repository: "image.repository", digest: "image.digest" };

describe("helm values", () => {
  it("reads the tag and an empty digest as no digest", () => {
    expect(readImage(values, spec, nginx)).toEqual({ tag: "1.27.0-debian-12-r1" });
  });

  it("replaces exactly the tag's bytes in a large commented values file", () => {
    // Prepare
    const offset = values.indexOf("  tag: 1.27.0-debian-12-r1\n") + "  tag: ".length;

    // Act
    const result = writeImage(values, { file: spec.file, tag: "image.tag" }, nginx, { tag: "1.27.1-debian-12-r0" });

    // Assess
    expect(result.content).toBe(`${values.slice(0, offset)}1.27.1-debian-12-r0${values.slice(offset + "1.27.0-debian-12-r1".length)}`);
    expect(result).toMatchObject({ changed: true, old: { tag: "1.27.0-debian-12-r1" } });
    expect(changedLines(values, result.content)).toEqual([[83, "  tag: 1.27.0-debian-12-r1", "  tag: 1.27.1-debian-12-r0"]]);
  });

  it("writes the digest into its own key, keeping its quotes", () => {
    const result = writeImage(values, spec, nginx, { tag: "1.27.1-debian-12-r0", digest: "sha256:0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b" });

    expect(changedLines(values, result.content)).toEqual([
      [83, "  tag: 1.27.0-debian-12-r1", "  tag: 1.27.1-debian-12-r0"],
      [84, '  digest: ""', '  digest: "sha256:0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b"'],
    ]);
    expect(readImage(result.content, spec, nginx)).toEqual({ tag: "1.27.1-debian-12-r0", digest: "sha256:0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b" });
  });

  it("empties a stale digest when the new tag comes without one", () => {
    const pinned = writeImage(values, spec, nginx, { tag: "1.27.1", digest: "sha256:0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b" }).content;

    const result = writeImage(pinned, spec, nginx, { tag: "1.27.2" });

    expect(changedLines(values, result.content)).toEqual([[83, "  tag: 1.27.0-debian-12-r1", "  tag: 1.27.2"]]);
    expect(result.old).toEqual({ tag: "1.27.1", digest: "sha256:0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b2c0a1b" });
  });

  it.each(["1.10", "1e3", "true", "0x1F", "null", "012"])("quotes the numeric-looking tag %s", (tag) => {
    const result = writeImage(values, spec, nginx, { tag });

    expect(changedLines(values, result.content)).toEqual([[83, "  tag: 1.27.0-debian-12-r1", `  tag: "${tag}"`]]);
    expect(parse(result.content).image.tag).toBe(tag);
    expect(parse(result.content, { version: "1.1" }).image.tag).toBe(tag);
  });

  it("leaves the other images' tags alone", () => {
    const metrics: HelmWriteSpec = { file: spec.file, tag: "metrics.image.tag" };

    const result = writeImage(values, metrics, { repository: "docker.io/bitnami/nginx-exporter" }, { tag: "1.3.0" });

    expect(changedLines(values, result.content)).toEqual([[941, "    tag: 1.2.0-debian-12-r1", "    tag: 1.3.0"]]);
  });

  it("keeps a repository that names the image, also without the registry the chart keeps apart", () => {
    const mirrored = { repository: "127.0.0.1:5000/bitnami/nginx" };

    const result = writeImage(values, spec, mirrored, { tag: "1.27.1" });

    expect(changedLines(values, result.content)).toEqual([[83, "  tag: 1.27.0-debian-12-r1", "  tag: 1.27.1"]]);
  });

  it("rewrites a repository that names another image", () => {
    const result = writeImage(values, spec, { repository: "ghcr.io/team/web" }, { tag: "1.27.1" });

    expect(changedLines(values, result.content)).toEqual([
      [82, "  repository: bitnami/nginx", "  repository: ghcr.io/team/web"],
      [83, "  tag: 1.27.0-debian-12-r1", "  tag: 1.27.1"],
    ]);
  });

  it("returns the same string, unchanged, when the tag and digest are already there", () => {
    const result = writeImage(values, spec, nginx, { tag: "1.27.0-debian-12-r1" });

    expect(result).toEqual({ content: values, changed: false, old: { tag: "1.27.0-debian-12-r1" } });
    expect(result.content).toBe(values);
  });

  it("re-quotes a plain tag that Helm would read as a number, even when it is the same tag", () => {
    const result = writeImage("image:\n  tag: 1.10\n", { file: "values.yaml", tag: "image.tag" }, nginx, { tag: "1.10" });

    expect(result).toEqual({ content: 'image:\n  tag: "1.10"\n', changed: true, old: { tag: "1.10" } });
  });

  it("keeps an inline digest in sync in app-template values, with anchors and flow maps untouched", () => {
    // Prepare
    const release = fixture("home-ops-autobrr-helmrelease.yaml");
    const image = "spec.values.controllers.autobrr.containers.app.image";
    const appTemplate: HelmWriteSpec = { file: "helmrelease.yaml", tag: `${image}.tag`, repository: `${image}.repository` };
    const autobrr = { repository: "ghcr.io/autobrr/autobrr" };

    // Act
    const pinned = writeImage(release, appTemplate, autobrr, { tag: "v1.61.0", digest: "sha256:1111111111111111111111111111111111111111111111111111111111111111" });
    const unpinned = writeImage(release, appTemplate, autobrr, { tag: "v1.61.0" });

    // Assess
    expect(pinned.old).toEqual({ tag: "v1.60.0", digest: "sha256:5f95def0aa664e653c5de820f27661357a5c77a8eef0dd7fa204efedfb7d0e45" });
    expect(changedLines(release, pinned.content)).toEqual([
      [29, "              tag: v1.60.0@sha256:5f95def0aa664e653c5de820f27661357a5c77a8eef0dd7fa204efedfb7d0e45", "              tag: v1.61.0@sha256:1111111111111111111111111111111111111111111111111111111111111111"],
    ]);
    expect(changedLines(release, unpinned.content)).toEqual([
      [29, "              tag: v1.60.0@sha256:5f95def0aa664e653c5de820f27661357a5c77a8eef0dd7fa204efedfb7d0e45", "              tag: v1.61.0"],
    ]);
  });

  it("writes into the requested document", () => {
    const input = "image:\n  tag: a\n---\nimage:\n  tag: b\n";

    const result = writeImage(input, { file: "v.yaml", document: 1, tag: "image.tag" }, nginx, { tag: "c" });

    expect(result.content).toBe("image:\n  tag: a\n---\nimage:\n  tag: c\n");
  });

  it("writes keys that contain dots", () => {
    const input = 'images:\n  "ghcr.io/team/web":\n    tag: 1.0.0\n';

    const result = writeImage(input, { file: "v.yaml", tag: 'images["ghcr.io/team/web"].tag' }, nginx, { tag: "1.1.0" });

    expect(result.content).toBe('images:\n  "ghcr.io/team/web":\n    tag: 1.1.0\n');
  });

  it("keeps CRLF line endings", () => {
    const crlf = values.replace(/\n/g, "\r\n");

    const result = writeImage(crlf, spec, nginx, { tag: "1.10" });

    expect(result.content).toBe(crlf.replace("  tag: 1.27.0-debian-12-r1\r\n", '  tag: "1.10"\r\n'));
  });

  it("refuses a missing key, naming the file and key path", () => {
    const error = refusal(() => writeImage(values, { file: spec.file, tag: "image.version" }, nginx, { tag: "1" }));

    expect(error.message).toBe("charts/nginx/values.yaml: image.version: key not found");
    expect(error).toMatchObject({ file: spec.file, keyPath: "image.version", reason: "key not found" });
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("refuses a key path that points to a map", () => {
    const error = refusal(() => writeImage(values, { file: spec.file, tag: "image" }, nginx, { tag: "1" }));

    expect(error.message).toBe("charts/nginx/values.yaml: image: is a map, not a scalar");
  });

  it("refuses to edit through an alias instead of silently changing the anchor", () => {
    const release = fixture("home-ops-autobrr-helmrelease.yaml");
    const aliased: HelmWriteSpec = { file: "helmrelease.yaml", tag: "spec.values.route.app.rules[0].backendRefs[0].name" };
    const anchored: HelmWriteSpec = { file: "helmrelease.yaml", tag: "metadata.name" };

    expect(refusal(() => writeImage(release, aliased, nginx, { tag: "x" })).message).toMatch(
      /^helmrelease\.yaml: spec\.values\.route\.app\.rules\[0\]\.backendRefs\[0\]\.name: is an alias \(\*app\)/,
    );
    expect(refusal(() => writeImage(release, anchored, nginx, { tag: "x" })).message).toBe(
      "helmrelease.yaml: metadata.name: carries the anchor &app, which an alias (*app) reuses elsewhere; editing it would change those places too",
    );
  });

  it("refuses a file that does not parse", () => {
    const error = refusal(() => readImage("image: {tag: 1\n", { file: "v.yaml", tag: "image.tag" }, nginx));

    expect(error.message).toMatch(/^v\.yaml: the file does not parse as YAML: /);
  });
});
