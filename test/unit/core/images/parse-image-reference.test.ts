import { describe, expect, it } from "vitest";
import { formatImageReference, parseImageReference } from "../../../../src/core/images/parse-image-reference.ts";

describe("parseImageReference", () => {
  it.each([
    ["busybox:latest", { name: "busybox", repository: "docker.io/library/busybox", tag: "latest" }],
    ["bitnami/git", { name: "bitnami/git", repository: "docker.io/bitnami/git" }],
    ["127.0.0.1:5000/team/app:1.10", { name: "127.0.0.1:5000/team/app", repository: "127.0.0.1:5000/team/app", tag: "1.10" }],
    ["localhost/app@sha256:abc", { name: "localhost/app", repository: "localhost/app", digest: "sha256:abc" }],
    [
      "ghcr.io/autobrr/autobrr:v1.60.0@sha256:5f95",
      { name: "ghcr.io/autobrr/autobrr", repository: "ghcr.io/autobrr/autobrr", tag: "v1.60.0", digest: "sha256:5f95" },
    ],
  ])("splits %s", (text, reference) => {
    expect(parseImageReference(text)).toEqual(reference);
  });

  it.each(["", "<init-container-image>", "nginx:", "nginx:bad tag", "nginx@notadigest", "{{ .Values.image }}"])(
    "returns undefined for %j",
    (text) => {
      expect(parseImageReference(text)).toBeUndefined();
    },
  );

  it("formats name, tag and digest", () => {
    expect(formatImageReference("nginx", "1.27")).toBe("nginx:1.27");
    expect(formatImageReference("nginx", "1.27", "sha256:ab")).toBe("nginx:1.27@sha256:ab");
  });
});
