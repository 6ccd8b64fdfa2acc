import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import type { FileEditor } from "../../../../src/adapters/git/branch-editor.ts";
import { buildTagPolicy } from "../../../../src/engine/policy/build-tag-policy.ts";
import { imageEdit } from "../../../../src/engine/writeback/image-edit.ts";
import { PermanentJobError } from "../../../../src/core/errors/permanent-job-error.ts";

const DIGEST = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function files(initial: Record<string, string>): FileEditor & { files: Record<string, string> } {
  const state = { ...initial };
  return {
    files: state,
    readFile: async (path) => {
      const content = state[path];
      if (content === undefined) throw new Error(`ENOENT: ${path}`);
      return content;
    },
    writeFile: async (path, content) => void (state[path] = content),
  };
}

/** One app whose image is written to two values files and to a sidecar key beside another image. */
const config = parseConfig(`
apps:
  - name: web
    source: { repo: https://git.example.com/charts.git, path: charts/web }
    render: { helm: {} }
    destination: { directory: out, namespace: web }
    images:
      - repository: ghcr.io/acme/web
        policy: { semver: ">=1.0.0" }
        write: { file: charts/web/values-develop.yaml, repository: image.repository, tag: image.tag }
      - repository: ghcr.io/acme/web
        policy: { semver: ">=1.0.0" }
        write: { file: charts/web/values-prod.yaml, tag: web.image.tag }
`, "/tmp/sluice.yaml");
const app = config.apps[0];
if (!app) throw new Error("no app");

const change = (tag: string, lastWritten?: string, announced?: string) => imageEdit({
  app,
  images: app.images,
  repository: "ghcr.io/acme/web",
  chosen: { tag, policy: buildTagPolicy(app.images[0]?.policy ?? { kind: "semver", semver: "*", prerelease: false, ignore: [], pinDigest: false }, async () => undefined), digest: async () => DIGEST },
  lastWritten,
  template: config.git.commit.message,
  deliveryId: "d1",
  announced,
});

describe("imageEdit", () => {
  it("writes the tag into every place the app keeps the image, as one line of the commit", async () => {
    // Prepare
    const repo = files({
      "charts/web/values-develop.yaml": "image:\n  repository: ghcr.io/acme/web # CI pushes here\n  tag: 1.0.0\n",
      "charts/web/values-prod.yaml": "web:\n  image:\n    tag: \"1.0.0\"\nsidecar:\n  image:\n    tag: 3.1.0\n",
    });

    // Act
    const result = await change("1.1.0").apply(repo);

    // Assess
    expect(result.value).toEqual({ status: "committed", from: "1.0.0", to: "1.1.0" });
    expect(result.applied).toEqual({ files: ["charts/web/values-develop.yaml", "charts/web/values-prod.yaml"], line: "[skip ci] sluice: web ghcr.io/acme/web 1.0.0 -> 1.1.0", trailers: ["Sluice-Delivery: d1"] });
    expect(repo.files).toEqual({
      "charts/web/values-develop.yaml": "image:\n  repository: ghcr.io/acme/web # CI pushes here\n  tag: 1.1.0\n",
      "charts/web/values-prod.yaml": "web:\n  image:\n    tag: \"1.1.0\"\nsidecar:\n  image:\n    tag: 3.1.0\n",
    });
  });

  it("decides each place on its own: a file already ahead keeps its tag", async () => {
    // Prepare
    const repo = files({ "charts/web/values-develop.yaml": "image:\n  repository: ghcr.io/acme/web\n  tag: 1.0.0\n", "charts/web/values-prod.yaml": "web:\n  image:\n    tag: 2.0.0\n" });

    // Act
    const result = await change("1.1.0").apply(repo);

    // Assess
    expect(result.applied?.files).toEqual(["charts/web/values-develop.yaml"]);
    expect(repo.files["charts/web/values-prod.yaml"]).toBe("web:\n  image:\n    tag: 2.0.0\n");
  });

  it("reports a hold, and writes nothing, when git holds an older tag than Sluice last wrote", async () => {
    // Prepare
    const repo = files({ "charts/web/values-develop.yaml": "image:\n  repository: ghcr.io/acme/web\n  tag: 1.0.0\n", "charts/web/values-prod.yaml": "web:\n  image:\n    tag: 1.0.0\n" });

    // Act
    const result = await change("1.1.0", "1.1.0").apply(repo);

    // Assess
    expect(result.applied).toBeUndefined();
    expect(result.value).toMatchObject({ status: "held", hold: { tag: "1.0.0", from: "1.1.0", message: "holding ghcr.io/acme/web at 1.0.0: rolled back by a human from 1.1.0" } });
  });

  it("fails for good when the file is missing or the write would not be exact", async () => {
    await expect(change("1.1.0").apply(files({}))).rejects.toThrow(PermanentJobError);
    await expect(change("1.1.0").apply(files({ "charts/web/values-develop.yaml": "image: [not, a, map]\n", "charts/web/values-prod.yaml": "" }))).rejects.toThrow(/charts\/web\/values-develop\.yaml/);
  });

  it("makes no second commit for a delivery whose announced tag git already holds, even with a newer tag to choose", async () => {
    // Prepare: the delivery of 1.1.0 committed it, was redelivered, and the registry now has 1.3.0; another delivery's event was 1.2.0.
    const at = (tag: string) => files({ "charts/web/values-develop.yaml": `image:\n  repository: ghcr.io/acme/web\n  tag: ${tag}\n`, "charts/web/values-prod.yaml": `web:\n  image:\n    tag: ${tag}\n` });
    const redelivered = at("1.1.0");
    const behind = at("1.1.0");

    // Act
    const again = await change("1.3.0", "1.1.0", "1.1.0").apply(redelivered);
    const newer = await change("1.3.0", "1.1.0", "1.2.0").apply(behind);

    // Assess: the landed event changes nothing; the one git has not reached yet moves to the newest allowed.
    expect(again).toEqual({ value: { status: "unchanged", from: "1.1.0", to: "1.3.0" } });
    expect(redelivered.files["charts/web/values-develop.yaml"]).toBe("image:\n  repository: ghcr.io/acme/web\n  tag: 1.1.0\n");
    expect(newer.value).toEqual({ status: "committed", from: "1.1.0", to: "1.3.0" });
  });
});
