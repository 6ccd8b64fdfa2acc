import { describe, expect, it } from "vitest";
import type { AppIndex, IndexedApp } from "../../../../src/core/apps/app-index.ts";
import { parseConfig } from "../../../../src/core/config/load-config.ts";
import { appSetReport } from "../../../../src/jobs/status/app-set-report.ts";
import type { StatusRow } from "../../../../src/jobs/status/status-row.ts";

const config = parseConfig(`webhooks: {}\napps:\n${["agent-a", "agent-b", "agent-c", "solo"].map((n) => `  - name: ${n}
    source: { repo: https://git.example/x.git }
    render: { helm: {} }
    destination: { directory: /tmp/${n}, namespace: ${n} }
`).join("")}`, "sluice.yaml");
const entries: IndexedApp[] = config.apps.map((app) => ({ app, definedIn: "sluice.yaml", labels: {}, ...(app.name.startsWith("agent") ? { appSet: "agents" } : {}) }));
const index: AppIndex = { revision: "r", entries, problems: [], get: (n) => entries.find((e) => e.app.name === n) };

describe("appSetReport", () => {
  it("counts per app set and cluster and names a cluster's condition", () => {
    // Prepare
    const rows: StatusRow[] = [
      { cluster: "a", app: "agent-a", revision: "1", sync: "Synced", health: "Healthy" },
      { cluster: "b", app: "agent-b", revision: "1", sync: "OutOfSync", health: "Progressing" },
      { cluster: "c", app: "agent-c", revision: "", sync: "Unknown", health: "Unknown", message: "cannot read: 403 Forbidden: configmaps is forbidden" },
      { cluster: "a", app: "solo", revision: "1", sync: "Synced", health: "Degraded" },
    ];

    // Act
    const report = appSetReport(rows, index);

    // Assess
    expect(report).toEqual([
      { appSet: "(none)", clusters: 1, apps: 1, synced: 1, healthy: 0, inProgress: 0, notHealthy: 1, notSynced: 0, perCluster: [{ cluster: "a", apps: 1, synced: 1, healthy: 0, inProgress: 0, notHealthy: 1, notSynced: 0 }] },
      {
        appSet: "agents", clusters: 3, apps: 3, synced: 1, healthy: 1, inProgress: 1, notHealthy: 1, notSynced: 2,
        perCluster: [
          { cluster: "a", apps: 1, synced: 1, healthy: 1, inProgress: 0, notHealthy: 0, notSynced: 0 },
          { cluster: "b", apps: 1, synced: 0, healthy: 0, inProgress: 1, notHealthy: 0, notSynced: 1 },
          {
            cluster: "c", apps: 1, synced: 0, healthy: 0, inProgress: 0, notHealthy: 1, notSynced: 1,
            condition: "cannot read: 403 Forbidden: configmaps is forbidden",
          },
        ],
      },
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("appSetReport over many apps", () => {
  it("counts every app once by health and sorts clusters, whatever order the rows come in", () => {
    // Prepare: 60 generated apps over three clusters in a shuffled order, each health and sync in turn
    const healths = ["Healthy", "Progressing", "Degraded", "Missing"] as const;
    const syncs = ["Synced", "OutOfSync", "Syncing"] as const;
    const names = Array.from({ length: 60 }, (_, i) => `agent-${i}`);
    const many: IndexedApp[] = names.map((name) => ({ ...entries[0], app: { ...config.apps[0], name }, appSet: "agents" } as IndexedApp));
    const manyIndex: AppIndex = { revision: "r", entries: many, problems: [], get: (n) => many.find((e) => e.app.name === n) };
    const rows: StatusRow[] = names.map((app, i) => ({ cluster: ["west", "east", "north"][i % 3] ?? "", app, revision: "1", sync: syncs[i % 3] ?? "Synced", health: healths[i % 4] ?? "Healthy" }))
      .sort((a, b) => (a.app.length * 7 + a.app.charCodeAt(a.app.length - 1)) % 11 - (b.app.length * 7 + b.app.charCodeAt(b.app.length - 1)) % 11);

    // Act
    const [set] = appSetReport(rows, manyIndex);

    // Assess
    expect(set?.perCluster.map((c) => c.cluster)).toEqual(["east", "north", "west"]);
    expect(set && set.healthy + set.inProgress + set.notHealthy).toBe(60);
    expect(set && set.synced + set.notSynced).toBe(60);
    expect(set?.healthy).toBe(rows.filter((r) => r.health === "Healthy").length);
    for (const c of set?.perCluster ?? []) {
      expect(c.apps).toBe(rows.filter((r) => r.cluster === c.cluster).length);
      expect(c.inProgress).toBe(rows.filter((r) => r.cluster === c.cluster && r.health === "Progressing").length);
    }
  });
});
