import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { WriteBackError } from "../../../../src/engine/writeback/write-back-error.ts";
import { readImage, writeImage } from "../../../../src/engine/writeback/write-image.ts";
import type { KustomizeWriteSpec } from "../../../../src/core/config/write-spec.ts";

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../fixtures/writeback/${name}`, import.meta.url), "utf8");

const refusal = (run: () => unknown): WriteBackError => {
  try {
    run();
  } catch (error) {
    if (error instanceof WriteBackError) return error;
    throw error;
  }
  throw new Error("expected a WriteBackError");
};

const spec = (name: string): KustomizeWriteSpec => ({ file: "overlays/dev/kustomization.yaml", kustomize: { name } });

describe("kustomize images", () => {
  it("writes newTag of the named entry only, though five entries share the tag", () => {
    // Prepare
    const kustomization = fixture("kubeflow-pipelines-kustomization.yaml");
    const entry = "  - name: ghcr.io/kubeflow/kfp-frontend\n    newTag: 2.4.1\n";
    const frontend = { repository: "ghcr.io/kubeflow/kfp-frontend" };

    // Act
    const result = writeImage(kustomization, spec("ghcr.io/kubeflow/kfp-frontend"), frontend, { tag: "2.5.0" });

    // Assess
    expect(result.content).toBe(kustomization.replace(entry, entry.replace("2.4.1", "2.5.0")));
    expect(result).toMatchObject({ changed: true, old: { tag: "2.4.1" } });
    expect(readImage(result.content, spec("ghcr.io/kubeflow/kfp-api-server"), frontend)).toEqual({ tag: "2.4.1" });
  });

  it("quotes a numeric-looking tag", () => {
    const kustomization = fixture("kubeflow-pipelines-kustomization.yaml");
    const entry = "  - name: ghcr.io/kubeflow/kfp-frontend\n    newTag: 2.4.1\n";

    const result = writeImage(kustomization, spec("ghcr.io/kubeflow/kfp-frontend"), { repository: "ghcr.io/kubeflow/kfp-frontend" }, { tag: "2.10" });

    expect(result.content).toBe(kustomization.replace(entry, entry.replace("2.4.1", '"2.10"')));
  });

  it("keeps newName when it names the image and rewrites it when it does not", () => {
    const kustomization = fixture("argo-cd-kustomization.yaml");
    const argocd = spec("quay.io/argoproj/argocd");

    const same = writeImage(kustomization, argocd, { repository: "quay.io/argoproj/argocd" }, { tag: "v2.8.0" });
    const moved = writeImage(kustomization, argocd, { repository: "127.0.0.1:5000/argoproj/argocd" }, { tag: "v2.8.0" });

    expect(same.content).toBe(kustomization.replace("newTag: v2.7.6", "newTag: v2.8.0"));
    expect(moved.content).toBe(
      kustomization
        .replace("newName: quay.io/argoproj/argocd", "newName: 127.0.0.1:5000/argoproj/argocd")
        .replace("newTag: v2.7.6", "newTag: v2.8.0"),
    );
  });

  it("keeps CRLF line endings", () => {
    const kustomization = fixture("argo-cd-kustomization.crlf.yaml");

    const result = writeImage(kustomization, spec("quay.io/argoproj/argocd"), { repository: "quay.io/argoproj/argocd" }, { tag: "v2.8.0" });

    expect(result.content).toBe(kustomization.replace("newTag: v2.7.6\r\n", "newTag: v2.8.0\r\n"));
  });

  it("writes the digest where the entry has one, and empties it when none is known", () => {
    const input = "images:\n- name: web\n  newTag: 1.0.0\n  digest: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
    const web = { repository: "docker.io/library/web" };

    const pinned = writeImage(input, spec("web"), web, { tag: "1.1.0", digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" });
    const unpinned = writeImage(input, spec("web"), web, { tag: "1.1.0" });

    expect(pinned).toMatchObject({ old: { tag: "1.0.0", digest: "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } });
    expect(pinned.content).toBe("images:\n- name: web\n  newTag: 1.1.0\n  digest: sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n");
    expect(unpinned.content).toBe('images:\n- name: web\n  newTag: 1.1.0\n  digest: ""\n');
  });

  it("updates a digest-only entry only when a digest is known", () => {
    const input = "images:\n- name: web\n  digest: sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n";
    const web = { repository: "docker.io/library/web" };

    const result = writeImage(input, spec("web"), web, { tag: "1.1.0", digest: "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" });
    const error = refusal(() => writeImage(input, spec("web"), web, { tag: "1.1.0" }));

    expect(result.content).toBe("images:\n- name: web\n  digest: sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n");
    expect(error.message).toBe(
      "overlays/dev/kustomization.yaml: images[0]: the entry pins a digest only, and no digest is known for tag 1.1.0",
    );
  });

  it("refuses an entry with nothing to replace, a missing entry and duplicate entries", () => {
    const web = { repository: "docker.io/library/web" };

    expect(refusal(() => writeImage("images:\n- name: web\n", spec("web"), web, { tag: "1" })).message).toBe(
      "overlays/dev/kustomization.yaml: images[0]: the entry has neither newTag nor digest to replace; add newTag with the current tag",
    );
    expect(refusal(() => writeImage(fixture("argo-cd-kustomization.yaml"), spec("web"), web, { tag: "1" })).message).toBe(
      "overlays/dev/kustomization.yaml: images: no entry has name: web",
    );
    expect(refusal(() => readImage("images:\n- name: web\n- name: web\n", spec("web"), web)).message).toBe(
      "overlays/dev/kustomization.yaml: images: 2 entries have name: web",
    );
  });
});
