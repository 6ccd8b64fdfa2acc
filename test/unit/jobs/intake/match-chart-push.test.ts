import { describe, expect, it } from "vitest";
import { staticAppIndex } from "../../../../src/core/apps/static-app-index.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { matchImagePush } from "../../../../src/jobs/intake/match-image-push.ts";

const config = parseConfig(`
apps:
  - name: api
    source: { repo: https://git.example.com/gitops.git, path: envs }
    render: { helm: { chart: { repo: "oci://registry.example.com/charts/", name: api, version: 0.3.0, update: { semver: ~0.3.0 } } } }
    destination: { directory: /d, namespace: api }
  - name: pinned
    source: { repo: https://git.example.com/gitops.git, path: envs }
    render: { helm: { chart: { repo: "oci://registry.example.com/charts", name: api, version: 0.3.0 } } }
    destination: { directory: /d, namespace: pinned }
  - name: other
    source: { repo: https://git.example.com/gitops.git, path: envs }
    render: { helm: { chart: { repo: "oci://registry.example.com/charts", name: web, version: 1.0.0, update: { semver: ^1.0.0 } } } }
    destination: { directory: /d, namespace: other }
`, "/tmp/sluice.yaml");

const push = (repository: string, tag: string) => ({ kind: "image-push" as const, provider: "distribution", eventId: "e1", repository, tag });

describe("a helm push of an app's own OCI chart", () => {
  it("queues a chart-update for each app that updates that chart, the tag read as a version", () => {
    // Act
    const matched = matchImagePush(push("registry.example.com/charts/api", "0.3.2_build.1"), staticAppIndex(config), "d1");

    // Assess
    expect(matched.ignored).toEqual([]);
    expect(matched.jobs.map((j) => j.job)).toEqual([
      { kind: "chart-update", app: "api", chart: "oci://registry.example.com/charts/api", version: "0.3.2+build.1", deliveryId: "d1" },
    ]);
    expect(matched.jobs[0]?.deduplicationId).toMatch(/^[0-9a-f]{64}$/);
  });

  it("queues nothing for a chart no app updates", () => {
    // Act
    const matched = matchImagePush(push("registry.example.com/charts/db", "0.1.0"), staticAppIndex(config), "d1");

    // Assess
    expect(matched).toEqual({ jobs: [], ignored: ["no app tracks registry.example.com/charts/db"] });
  });
});
