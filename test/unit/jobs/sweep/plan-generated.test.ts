import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { normalizeGitUrl } from "../../../../src/core/config/normalize-git-url.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { buildAppIndex } from "../../../../src/engine/appsets/build-app-index.ts";
import { requestsKey, type OpenRequest, type Read } from "../../../../src/engine/appsets/generator-inputs.ts";
import { FileAppLedger } from "../../../../src/jobs/apps/file-app-ledger.ts";
import { planGenerated } from "../../../../src/jobs/sweep/plan-generated.ts";
import type { SweepDeps } from "../../../../src/jobs/sweep/sweep-deps.ts";
import { SweepFindings } from "../../../../src/jobs/sweep/sweep-findings.ts";

const REPO = "https://github.com/fe/charts.git";
const config = parseConfig(`webhooks: {}
appSets:
  - name: review
    deletionPolicy: delete
    generators: [{ pullRequests: { provider: github, repo: ${REPO} } }]
    template:
      name: "web-pr-{{number}}"
      source: { repo: ${REPO}, branch: "{{branch}}", path: charts/web }
      render: { helm: {} }
      destination: { directory: "/tmp/pr-{{number}}", namespace: "web-pr-{{number}}" }
`, "sluice.yaml");

/** The index as a sweep builds it from what the host's list API answered, with no earlier index (a cold function). */
const indexWith = (read: Read<readonly OpenRequest[]>) => buildAppIndex({
  config, sources: [], inputs: { clusters: [], branches: new Map(), directories: new Map(), requests: new Map([[requestsKey("github", normalizeGitUrl(REPO)), read]]) },
});

describe("the sweep's reconcile of generated apps", () => {
  let dir = "";
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("queues the removal of a request's app whose close no webhook reported, but not while the host's API is rate limited", async () => {
    // Prepare: Sluice brought the app of request 7 up; the request was closed while no webhook was heard
    dir = await mkdtemp(join(tmpdir(), "sluice-plan-generated-"));
    const ledger = new FileAppLedger(dir);
    const open = indexWith({ ok: true, value: [{ number: 7, branch: "feature/a", sha: "a".repeat(40), labels: [] }] });
    const entry = open.get("web-pr-7");
    await ledger.put({ app: "web-pr-7", appSet: "review", definition: entry?.generated?.definition, deletionPolicy: "delete", createdAt: "2026-01-01T00:00:00Z" });
    const deps = { ledger, logger: silentLogger } as unknown as SweepDeps;
    const limited = new SweepFindings();
    const closed = new SweepFindings();

    // Act
    await planGenerated(indexWith({ ok: false, reason: "api.github.com is rate limited for 3600 s more; not asked" }), deps, limited, "sweep-1");
    await planGenerated(indexWith({ ok: true, value: [] }), deps, closed, "sweep-2");

    // Assess
    expect(entry).toBeDefined();
    expect(limited.jobs).toEqual([]);
    expect(closed.queued).toEqual([{ kind: "sync", app: "web-pr-7", reason: "app set review no longer generates it" }]);
    expect(closed.jobs[0]?.job).toEqual({ kind: "sync", app: "web-pr-7", deliveryId: "sweep-2", trigger: "sweep" });
  });
});
