import type { AppConfig } from "../../../../src/core/config/app-config.ts";
import { configSchema } from "../../../../src/core/config/app-config.ts";
import type { AppIndex, IndexedApp } from "../../../../src/core/apps/app-index.ts";
import type { Destination, StoredRecord } from "../../../../src/engine/destination/destination.ts";
import type { AppRecord } from "../../../../src/engine/record/app-record.ts";
import type { ApiDeps } from "../../../../src/jobs/api/api-deps.ts";
import { silentLogger } from "../../../../src/core/log/logger.ts";
import { FakeQueue } from "../intake/fake-queue.ts";
import { SecretResolver } from "../../../../src/adapters/secrets/secret-resolver.ts";

/** Records of one cluster in memory; counts its listings, as a cluster counts LISTs. */
export class RecordStore {
  readonly records = new Map<string, AppRecord>();
  lists = 0;
  destination(name: string): Destination {
    const load = async (app: string): Promise<StoredRecord> => ({ record: structuredClone(this.records.get(app)), version: this.records.has(app) ? "1" : undefined });
    const unused = async (): Promise<never> => { throw new Error("not used by the API"); };
    return {
      name,
      readRecord: async (app) => (await load(app)).record,
      loadRecord: load,
      storeRecord: async (record) => { this.records.set(record.app, structuredClone(record)); return "1"; },
      listRecords: async () => { this.lists += 1; return [...this.records.values()].map((r) => structuredClone(r)); },
      deleteRecord: unused, capabilities: unused, diff: unused, sync: unused, prune: unused, deleteApp: unused,
      health: async (_app, keys) => ({ status: "Healthy", resources: keys.map((key) => ({ key, health: { status: "Healthy" as const } })) }),
    };
  }
}

/** `count` apps over clusters `east` and `west`, every third in app set `shop`, labelled by team. */
export function fleet(count: number): AppConfig[] {
  const apps = Array.from({ length: count }, (_, i) => ({
    name: `app-${String(i).padStart(4, "0")}`,
    source: { repo: "https://git.example/charts.git", path: `apps/${i}` },
    render: { directory: {} },
    destination: { cluster: i % 2 === 0 ? "east" : "west", namespace: i % 5 === 0 ? "payments" : "web" },
    images: [{ repository: "registry.example/team/app", policy: { semver: "^1.0.0" }, write: { file: `apps/${i}/values.yaml`, tag: "image.tag" } }],
    syncPolicy: { automated: true },
  }));
  const clusters = ["east", "west"].map((name) => ({ name, kubeconfig: { path: "/unused" } }));
  return configSchema.parse({ clusters, apps }).apps;
}

export function record(app: string, over: Partial<AppRecord> = {}): AppRecord {
  return {
    app, revision: "a".repeat(40), images: { "registry.example/team/app": "1.2.0" },
    sync: { status: "Synced" }, health: { status: "Healthy" }, inventory: ["v1/ConfigMap/web/settings"],
    history: [{ at: "2026-12-01T10:00:00.000Z", revision: "a".repeat(40), trigger: "image-update", deliveryId: "d-1", result: "Succeeded" }],
    ...over,
  };
}

/** API deps over the apps, one record store per cluster, and a queue that keeps its jobs. */
export function apiDeps(apps: readonly AppConfig[], now = () => new Date("2026-12-01T12:00:00Z")) {
  const stores = { east: new RecordStore(), west: new RecordStore() };
  const destinations = { east: stores.east.destination("east"), west: stores.west.destination("west") };
  const entries: IndexedApp[] = apps.map((app, i) => ({ app, definedIn: "sluice.yaml", labels: { team: i % 3 === 0 ? "shop" : "core" }, ...(i % 3 === 0 ? { appSet: "shop" } : {}) }));
  const byName = new Map(entries.map((e) => [e.app.name, e]));
  const index: AppIndex = { revision: "r1", entries, get: (n) => byName.get(n), problems: [] };
  const queue = new FakeQueue();
  const clusterOf = (app: AppConfig) => ("cluster" in app.destination && app.destination.cluster === "west" ? "west" : "east");
  const deps = {
    config: configSchema.parse({}),
    appIndex: async () => index,
    destinationFor: (app: AppConfig) => destinations[clusterOf(app)],
    git: { checkout: async () => { throw new Error("no git here"); }, headOf: async () => undefined },
    secrets: new SecretResolver({ env: {} }),
    render: {} as ApiDeps["render"],
    logger: silentLogger,
    now,
    queue,
  } satisfies ApiDeps;
  return { deps, stores, queue };
}
