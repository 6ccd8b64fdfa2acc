import { describe, expect, it } from "vitest";
import type { AppIndex, IndexedApp } from "../../../../src/core/apps/app-index.ts";
import { configSchema, type AppConfig } from "../../../../src/core/config/app-config.ts";
import { appSetsBody } from "../../../../src/jobs/api/app-sets.ts";
import { collectStatus } from "../../../../src/jobs/status/collect-status.ts";
import { formatStatus } from "../../../../src/jobs/status/format-status.ts";
import { FakeDestination } from "../sync/sync-fake-destination.ts";

const FORBIDDEN = "configmaps is forbidden: User \"sluice\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"sluice-system\"";

/** App set `agents` on clusters east, west (forbidden) and south; `web` declared directly on east; one file refused. */
function fleet() {
  const clusters = ["east", "west", "south"].map((name) => ({ name, labels: { tier: "edge" }, kubeconfig: { path: "/dev/null" } }));
  const app = (name: string, cluster: string) => ({ name, source: { repo: "https://git.invalid/x.git" }, render: { directory: {} }, destination: { cluster, namespace: "agents" } });
  const config = configSchema.parse({ clusters, apps: [app("web", "east"), ...["east", "west", "south"].map((c) => app(`agent-${c}`, c))] });
  const entries: IndexedApp[] = config.apps.map((a) => ({
    app: a, definedIn: a.name === "web" ? "sluice.yaml" : "https://git.invalid/apps.git@main:sets/agents.yaml", labels: {},
    ...(a.name === "web" ? {} : { appSet: "agents" }),
  }));
  const problems = [
    { file: "https://git.invalid/apps.git@main:apps/broken.yaml", path: "apps.0.destination.cluster", message: "no cluster named mars", name: "broken" },
    { file: "https://git.invalid/apps.git@main:apps/broken.yaml", path: "apps.0.render", message: "Invalid input", name: "broken" },
  ];
  const index: AppIndex = { revision: "r", entries, problems, get: (n) => entries.find((e) => e.app.name === n) };
  const destinations = new Map(["east", "west", "south"].map((c) => [c, new FakeDestination()]));
  const synced = { images: {}, inventory: [], health: { status: "Healthy" as const }, revision: "1".repeat(40), sync: { status: "Synced" as const }, history: [] };
  const east = destinations.get("east");
  if (east) east.readRecord = async (name) => ({ ...synced, app: name ?? "" });
  const west = destinations.get("west");
  if (west) west.readRecord = async () => { throw new Error(FORBIDDEN); };
  const south = destinations.get("south");
  if (south) {
    south.readRecord = async (name) => ({ ...synced, app: name ?? "", sync: { status: "OutOfSync" } });
    south.healths = [{ status: "Progressing", message: "Deployment/agents/agent: 0 of 1 updated replicas are available" }];
  }
  const destinationFor = (a: AppConfig) => destinations.get("cluster" in a.destination ? a.destination.cluster : "") ?? new FakeDestination();
  return { config, index, destinationFor };
}

describe("sluice status with app sets", () => {
  it("lists direct apps as before, then each app set per cluster with counts and a cluster's condition, then the refused files", async () => {
    // Prepare
    const { config, index, destinationFor } = fleet();

    // Act
    const rows = await collectStatus(config, destinationFor, { index });
    const text = formatStatus(rows, index);

    // Assess
    const lines = text.split("\n");
    expect(lines.slice(0, 3)).toEqual(["CLUSTER east", expect.stringMatching(/^ {2}APP +REVISION/), expect.stringMatching(/^ {2}web +111111111111 +Synced +Healthy/)]);
    expect(lines).toContain("APP SET agents  clusters=3 apps=3 synced=1 healthy=1 in-progress=1 not-healthy=1 not-synced=2");
    expect(lines).toContain("  CLUSTER west  apps=1 synced=0 healthy=0 in-progress=0 not-healthy=1 not-synced=1");
    expect(lines[lines.indexOf("  CLUSTER west  apps=1 synced=0 healthy=0 in-progress=0 not-healthy=1 not-synced=1") + 1]).toBe(`    condition: cannot read: ${FORBIDDEN}`);
    expect(lines.filter((l) => l.includes(FORBIDDEN))).toHaveLength(1);
    expect(lines).toContain("  CLUSTER south  apps=1 synced=0 healthy=0 in-progress=1 not-healthy=0 not-synced=1");
    expect(lines).toContain("  https://git.invalid/apps.git@main:apps/broken.yaml: apps.0.destination.cluster: no cluster named mars (broken)");
    expect(lines).toContain("  https://git.invalid/apps.git@main:apps/broken.yaml: apps.0.render: Invalid input (broken)");
    expect(lines.at(-2)).toBe("clusters=3 apps=4 synced=2 out-of-sync=1 healthy=2 progressing=1 degraded=0 other=1 problems=2");
  });

  it("gives the same report as JSON, the body of GET /api/appsets", async () => {
    // Prepare
    const { config, index, destinationFor } = fleet();

    // Act
    const body = appSetsBody(await collectStatus(config, destinationFor, { index }), index);

    // Assess
    expect(body.appSets.map((s) => [s.appSet, s.clusters, s.apps])).toEqual([["(none)", 1, 1], ["agents", 3, 3]]);
    const agents = body.appSets[1];
    expect(agents?.perCluster.map((c) => [c.cluster, c.condition])).toEqual([["east", undefined], ["south", undefined], ["west", `cannot read: ${FORBIDDEN}`]]);
    expect(body.problems.map((p) => p.path)).toEqual(["apps.0.destination.cluster", "apps.0.render"]);
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});
