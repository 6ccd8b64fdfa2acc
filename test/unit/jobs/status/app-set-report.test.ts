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
      { appSet: "(none)", clusters: 1, apps: 1, synced: 1, healthy: 0, inProgress: 0, notHealthy: 1, notSynced: 0, perCluster: [{ cluster: "a", apps: 1, synced: 1, healthy: 0 }] },
      {
        appSet: "agents", clusters: 3, apps: 3, synced: 1, healthy: 1, inProgress: 1, notHealthy: 1, notSynced: 2,
        perCluster: [
          { cluster: "a", apps: 1, synced: 1, healthy: 1 },
          { cluster: "b", apps: 1, synced: 0, healthy: 0 },
          { cluster: "c", apps: 1, synced: 0, healthy: 0, condition: "cannot read: 403 Forbidden: configmaps is forbidden" },
        ],
      },
    ]);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
