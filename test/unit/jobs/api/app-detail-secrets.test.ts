import { describe, expect, it } from "vitest";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import { appDetail } from "../../../../src/jobs/api/app-detail.ts";
import { apiDeps } from "./api-fakes.ts";

describe("an app's page", () => {
  it("shows its repository without the credentials written into its URL", async () => {
    // Prepare
    const [app] = configSchema.parse({
      clusters: [{ name: "east", kubeconfig: { path: "/unused" } }],
      apps: [{ name: "web", source: { repo: "https://deploy:ghp_s3cr3tT0ken@git.example/acme/charts.git", path: "web" }, render: { directory: {} }, destination: { cluster: "east", namespace: "web" } }],
    }).apps;
    if (!app) throw new Error("no app");
    const { deps } = apiDeps([app]);

    // Act
    const detail = await appDetail("web", deps);

    // Assess
    expect(detail?.source.repo).toBe("https://git.example/acme/charts.git");
    expect(JSON.stringify(detail)).not.toContain("s3cr3t");
  });
});
