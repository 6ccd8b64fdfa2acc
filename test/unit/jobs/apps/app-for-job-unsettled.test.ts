import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { normalizeGitUrl } from "../../../../src/core/config/normalize-git-url.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { buildAppIndex } from "../../../../src/engine/appsets/build-app-index.ts";
import { requestsKey, type OpenRequest, type Read } from "../../../../src/engine/appsets/generator-inputs.ts";
import { appForJob } from "../../../../src/jobs/apps/app-for-job.ts";
import { FileAppLedger } from "../../../../src/jobs/apps/file-app-ledger.ts";
import type { WorkerDeps } from "../../../../src/jobs/deps/worker-deps.ts";

const REPO = "https://gitlab.example.com/fe/charts.git";
const config = parseConfig(`webhooks: {}
appSets:
  - name: review
    deletionPolicy: delete
    generators: [{ pullRequests: { provider: gitlab, repo: ${REPO} } }]
    template:
      name: "web-mr-{{number}}"
      source: { repo: ${REPO}, branch: "{{branch}}", path: charts/web }
      render: { helm: {} }
      destination: { directory: "/tmp/mr-{{number}}", namespace: "web-mr-{{number}}" }
`, "sluice.yaml");
const indexWith = (read: Read<readonly OpenRequest[]>) => buildAppIndex({
  config, sources: [], inputs: { clusters: [], branches: new Map(), directories: new Map(), requests: new Map([[requestsKey("gitlab", normalizeGitUrl(REPO)), read]]) },
});

describe("appForJob and an app set that cannot read its generator", () => {
  let dir = "";
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("does not remove a generated app while its host's API is rate limited: the job is to be retried later", async () => {
    // Prepare: Sluice brought web-mr-3 up; GitLab now answers 429 to every list
    dir = await mkdtemp(join(tmpdir(), "sluice-app-for-job-"));
    const ledger = new FileAppLedger(dir);
    const definition = indexWith({ ok: true, value: [{ number: 3, branch: "mr-3", sha: "c".repeat(40), labels: [] }] }).get("web-mr-3")?.generated?.definition;
    await ledger.put({ app: "web-mr-3", appSet: "review", definition, deletionPolicy: "delete", createdAt: "2026-01-01T00:00:00Z" });
    const limited = indexWith({ ok: false, reason: "gitlab.example.com is rate limited for 60 s more; not asked" });
    const deps = { config, ledger, logger: silentLogger, appIndex: async () => limited } as unknown as WorkerDeps;

    // Act
    const outcome = await appForJob({ kind: "sync", app: "web-mr-3", deliveryId: "sweep-1", trigger: "sweep" }, deps).catch((e: unknown) => e);

    // Assess
    expect(outcome).toMatchObject({ name: "AdapterError", retry: "later", endpoint: "app-set:review" });
    expect(await ledger.get("web-mr-3")).toMatchObject({ app: "web-mr-3" });
  });
});
