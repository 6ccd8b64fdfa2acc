import { describe, expect, it } from "vitest";
import { WriteBackError } from "../../../../src/engine/writeback/write-back-error.ts";
import { writeImage } from "../../../../src/engine/writeback/write-image.ts";

const DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const image = { repository: "ghcr.io/acme/web" };
const next = { tag: "1.2.0", digest: DIGEST, pin: true };

describe("digest pinning", () => {
  it("writes tag@digest into a Helm tag with no digest key beside it", () => {
    // Act
    const out = writeImage("image:\n  tag: 1.1.0 # bumped\n", { file: "v.yaml", tag: "image.tag" }, image, next);

    // Assess
    expect(out.content).toBe(`image:\n  tag: 1.2.0@${DIGEST} # bumped\n`);
  });

  it("writes the digest into its own Helm key and the bare tag beside it", () => {
    const out = writeImage('image:\n  tag: "1.1.0"\n  digest: ""\n', { file: "v.yaml", tag: "image.tag", digest: "image.digest" }, image, next);
    expect(out.content).toBe(`image:\n  tag: "1.2.0"\n  digest: "${DIGEST}"\n`);
  });

  it("fills a kustomization's digest key, and refuses an entry with no room for one", () => {
    // Prepare
    const spec = { file: "kustomization.yaml", kustomize: { name: "web" } };

    // Act
    const withKey = writeImage('images:\n  - name: web\n    newTag: 1.1.0\n    digest: ""\n', spec, image, next);
    const without = () => writeImage("images:\n  - name: web\n    newTag: 1.1.0\n", spec, image, next);

    // Assess
    expect(withKey.content).toBe(`images:\n  - name: web\n    newTag: 1.2.0\n    digest: "${DIGEST}"\n`);
    expect(without).toThrow(WriteBackError);
    expect(without).toThrow(/pins digests, and the entry has no digest: key/);
  });

  it("puts a pinned digest into a :digest setter value rather than inline in the :tag value", () => {
    // Prepare
    const content = 'tag: 1.1.0 # {"sluice": "web:app:tag"}\ndigest: "" # {"sluice": "web:app:digest"}\n';

    // Act
    const out = writeImage(content, { file: "v.yaml", setter: "web:app" }, image, next);

    // Assess
    expect(out.content).toBe(`tag: 1.2.0 # {"sluice": "web:app:tag"}\ndigest: "${DIGEST}" # {"sluice": "web:app:digest"}\n`);
  });

  it("refuses to pin without a digest", () => {
    expect(() => writeImage("tag: 1.1.0\n", { file: "v.yaml", tag: "tag" }, image, { tag: "1.2.0", pin: true })).toThrow(/no digest is known for tag 1\.2\.0/);
  });
});
