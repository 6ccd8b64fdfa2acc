import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { normalizeGitUrl } from "../../../../src/core/config/normalize-git-url.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { buildAppIndex } from "../../../../src/engine/appsets/build-app-index.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import { FileAppLedger } from "../../../../src/jobs/apps/file-app-ledger.ts";
import { EndpointBackoff } from "../../../../src/jobs/sweep/endpoint-backoff.ts";
import { planIdle } from "../../../../src/jobs/sweep/plan-idle.ts";
import type { AppView, SweepContext } from "../../../../src/jobs/sweep/sweep-context.ts";
import type { SweepDeps } from "../../../../src/jobs/sweep/sweep-deps.ts";
import { SweepFindings } from "../../../../src/jobs/sweep/sweep-findings.ts";
import type { SweptDestination } from "../../../../src/jobs/sweep/swept-destination.ts";
import { SweepTaskRunner } from "../../../../src/jobs/sweep/sweep-task-runner.ts";

const REPO = "https://git.example/fe/monorepo.git";
const config = parseConfig(`webhooks: {}
appSets:
  - name: review
    deletionPolicy: delete
    idleTtl: 72h
    generators: [{ branches: { repo: ${REPO}, include: "feature/*" } }]
    template:
      name: "web1-{{branchSlug}}"
      source: { repo: ${REPO}, branch: "{{branch}}", path: charts/web1 }
      render: { helm: {} }
      destination: { directory: "/tmp/{{branchSlug}}", namespace: "web1-{{branchSlug}}" }
`, "sluice.yaml");

/** The index with feature/a at `sha`. */
const indexAt = (sha: string) => buildAppIndex({
  config, sources: [], inputs: { clusters: [], branches: new Map([[normalizeGitUrl(REPO), { ok: true, value: [{ name: "feature/a", sha }] }]]), directories: new Map(), requests: new Map() },
});

const T0 = Date.parse("2026-06-01T00:00:00Z");
const HOUR = 3_600_000;
const synced = (at: number): AppRecord => ({
  app: "web1-feature-a", revision: "a".repeat(40), images: {}, sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: [],
  history: [{ at: new Date(at).toISOString(), revision: "a".repeat(40), trigger: "webhook", deliveryId: "d", result: "Succeeded" }],
});

describe("the sweep's idle TTL", () => {
  let dir = "";
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("removes a generated app with no sync for longer than its app set's idleTtl, keeps it out until a push moves its branch", async () => {
    // Prepare: brought up at T0 - 10h, last synced at T0; the clock is the test's
    dir = await mkdtemp(join(tmpdir(), "sluice-plan-idle-"));
    const ledger = new FileAppLedger(dir);
    const index = indexAt("1".repeat(40));
    const entry = index.get("web1-feature-a");
    await ledger.put({ app: "web1-feature-a", appSet: "review", definition: entry?.generated?.definition, deletionPolicy: "delete", createdAt: new Date(T0 - 10 * HOUR).toISOString() });
    let now = T0;
    const deps = { ledger, logger: silentLogger, now: () => new Date(now) } as unknown as SweepDeps;
    const views = (record: AppRecord | undefined, app = entry?.app): AppView[] => (app ? [{ app, target: {} as SweptDestination, record }] : []);
    const sweep = async (at: number, idx = index, record: AppRecord | undefined = synced(T0)) => {
      now = at;
      const findings = new SweepFindings();
      const ctx: SweepContext = { deps, sweepId: `sweep-${at}`, findings, backoff: new EndpointBackoff({}, new Date(at)), runner: new SweepTaskRunner({}, Infinity, () => new Date(at), silentLogger) };
      const kept = await planIdle(idx, views(record, idx.get("web1-feature-a")?.app), ctx);
      return { kept: kept.map((v) => v.app.name), jobs: findings.jobs, queued: findings.queued };
    };

    // Act
    const young = await sweep(T0 + 72 * HOUR);
    const idle = await sweep(T0 + 72 * HOUR + 1000);
    const again = await sweep(T0 + 73 * HOUR);
    const marked = await ledger.get("web1-feature-a");
    if (marked?.idle) await ledger.put({ ...marked, idle: { ...marked.idle, removed: true } });
    const removed = await sweep(T0 + 80 * HOUR, index, undefined);
    const pushed = await sweep(T0 + 81 * HOUR, indexAt("2".repeat(40)), undefined);

    // Assess
    expect(young).toEqual({ kept: ["web1-feature-a"], jobs: [], queued: [] });
    expect(idle.kept).toEqual([]);
    expect(idle.queued).toEqual([{ kind: "sync", app: "web1-feature-a", reason: "idle past its app set's idleTtl of 259200 s: no sync since 2026-06-01T00:00:00.000Z" }]);
    expect(idle.jobs[0]?.job).toEqual({ kind: "sync", app: "web1-feature-a", deliveryId: `sweep-${T0 + 72 * HOUR + 1000}`, trigger: "sweep" });
    expect(marked?.idle).toEqual({ at: new Date(T0 + 72 * HOUR + 1000).toISOString(), key: expect.any(String), removed: false });
    // Not removed yet (the job failed or waits): asked again, under the same job id.
    expect(again.jobs.map((j) => j.deduplicationId)).toEqual(idle.jobs.map((j) => j.deduplicationId));
    expect(removed).toEqual({ kept: [], jobs: [], queued: [] });
    expect(pushed).toEqual({ kept: ["web1-feature-a"], jobs: [], queued: [] });
  });

  it("counts a bring-up with no sync yet from its time, and leaves apps of app sets without a TTL alone", async () => {
    // Prepare
    dir = await mkdtemp(join(tmpdir(), "sluice-plan-idle-"));
    const ledger = new FileAppLedger(dir);
    const index = indexAt("1".repeat(40));
    const entry = index.get("web1-feature-a");
    await ledger.put({ app: "web1-feature-a", appSet: "review", definition: entry?.generated?.definition, deletionPolicy: "delete", createdAt: new Date(T0).toISOString() });
    const noTtl = { ...index, entries: index.entries.map((e) => ({ ...e, ...(e.generated ? { generated: { ...e.generated, idleTtlSeconds: undefined } } : {}) })) };
    const at = T0 + 100 * HOUR;
    const deps = { ledger, logger: silentLogger, now: () => new Date(at) } as unknown as SweepDeps;
    const ctx = (): SweepContext => ({ deps, sweepId: "s", findings: new SweepFindings(), backoff: new EndpointBackoff({}, new Date(at)), runner: new SweepTaskRunner({}, Infinity, () => new Date(at), silentLogger) });
    const view: AppView[] = entry ? [{ app: entry.app, target: {} as SweptDestination, record: undefined }] : [];

    // Act
    const without = ctx();
    const keptWithout = await planIdle(noTtl, view, without);
    const withTtl = ctx();
    const keptWith = await planIdle(index, view, withTtl);

    // Assess
    expect(keptWithout).toHaveLength(1);
    expect(without.findings.jobs).toEqual([]);
    expect(keptWith).toEqual([]);
    expect(withTtl.findings.queued[0]?.reason).toContain("no sync since 2026-06-01T00:00:00.000Z");
  });
});
