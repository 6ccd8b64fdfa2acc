import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { DirectoryDestination } from "../../../../src/engine/destination/directory-destination.ts";
import { parseManifests } from "../../../../src/adapters/render/parse-manifests.ts";

describe("DirectoryDestination and hooks", () => {
  it("writes a hook named by generateName as it was rendered, without an empty name", async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), "sluice-directory-hooks-"));
    const app = configSchema.parse({ apps: [{ name: "shop", source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { directory: dir, namespace: "shop" } }] }).apps[0];
    if (!app) throw new Error("no app");
    const manifests = parseManifests("apiVersion: batch/v1\nkind: Job\nmetadata:\n  generateName: migrate-\n  annotations: { argocd.argoproj.io/hook: PreSync }\n", "hook.yaml");

    // Act
    await new DirectoryDestination(dir).sync(app, manifests);

    // Assess: it reads back as the same hook
    const written = await readFile(join(dir, "manifests.yaml"), "utf8");
    expect(written).not.toMatch(/name: ""/);
    expect(parseManifests(written, "manifests.yaml")).toEqual([{ ...manifests[0], metadata: { ...manifests[0]?.metadata, namespace: "shop" } }]);
  });
});
