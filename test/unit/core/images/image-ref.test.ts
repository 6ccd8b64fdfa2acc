import { describe, expect, it } from "vitest";
import { formatImageRef, parseImageRef } from "../../../../src/core/images/image-ref.ts";

const DIGEST = "sha256:5f95def0aa664e653c5de820f27661357a5c77a8eef0dd7fa204efedfb7d0e45";

describe("parseImageRef", () => {
  it.each([
    ["busybox:latest", { name: "busybox", repository: "docker.io/library/busybox", tag: "latest" }],
    ["bitnami/git", { name: "bitnami/git", repository: "docker.io/bitnami/git" }],
    ["127.0.0.1:5000/team/app:1.10", { name: "127.0.0.1:5000/team/app", repository: "127.0.0.1:5000/team/app", tag: "1.10" }],
    [`localhost/app@${DIGEST}`, { name: "localhost/app", repository: "localhost/app", digest: DIGEST }],
    [
      `ghcr.io/autobrr/autobrr:v1.60.0@${DIGEST}`,
      { name: "ghcr.io/autobrr/autobrr", repository: "ghcr.io/autobrr/autobrr", tag: "v1.60.0", digest: DIGEST },
    ],
  ])("splits %s", (text, reference) => {
    expect(parseImageRef(text)).toEqual(reference);
  });

  it.each(["", "<init-container-image>", "nginx:", "nginx:bad tag", "nginx@notadigest", "{{ .Values.image }}", "nginx@sha256:abc"])(
    "returns undefined for %j",
    (text) => {
      expect(parseImageRef(text)).toBeUndefined();
    },
  );

  it("formats name, tag and digest", () => {
    expect(formatImageRef("nginx", "1.27")).toBe("nginx:1.27");
    expect(formatImageRef("nginx", "1.27", DIGEST)).toBe(`nginx:1.27@${DIGEST}`);
  });
});
