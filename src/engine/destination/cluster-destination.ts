import type { KubeConfig } from "@kubernetes/client-node";
import type { AppConfig } from "../../core/config/app-config.ts";
import { HttpKubeClient } from "../../adapters/kube/http-kube-client.ts";
import { isNotFound, KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { parseInventoryKey } from "../../adapters/kube/object-ref.ts";
import { MANAGED_BY, MANAGED_BY_LABEL, RECORD_LABEL, RECORD_NAMESPACE } from "../../adapters/kube/labels.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import { diffApp } from "../sync/diff-objects.ts";
import { liveHealth, type KnownObjects } from "../sync/live-health.ts";
import { healthOverrides } from "../health/config/health-overrides.ts";
import type { HealthConfig } from "../../core/config/health-config.ts";
import { prepareObjects } from "../sync/prepare-objects.ts";
import { pruneObjects } from "../sync/prune-objects.ts";
import { syncObjects, type EngineOptions, type SyncOptions } from "../sync/sync-objects.ts";
import { normalResources } from "../sync/split-hooks.ts";
import { runPostDelete } from "../sync/run-post-delete.ts";
import type { PhaseResult } from "../record/phase-result.ts";
import { appRecordSchema, type AppRecord } from "../record/app-record.ts";
import type { Destination, StoredRecord } from "./destination.ts";
import { RecordConflictError } from "./record-conflict-error.ts";
import type { AppDiff, Capabilities, HealthReport, ResourceResult, SyncRun } from "../sync/sync-result.ts";

const recordName = (app: string): string => `sluice-app-${app}`;
const CAPABILITIES_TTL_MS = 10 * 60 * 1000;
const recordRef = (app: string) => ({ apiVersion: "v1", kind: "ConfigMap", namespace: RECORD_NAMESPACE, name: recordName(app) });

export interface ClusterDestinationOptions extends Partial<EngineOptions> {
  /** Cluster name, for reports. */
  name?: string;
  /** Custom health checks for every app (`health` in sluice.yaml); an app's own come first. */
  health?: HealthConfig;
}

/** A Kubernetes cluster: server-side apply with field manager `sluice`, records in `sluice-system`. */
export class ClusterDestination implements Destination {
  readonly name: string;
  private connecting: Promise<KubeClient> | undefined;
  private readonly connect: () => Promise<KubeClient>;
  private readonly engine: EngineOptions;
  private readonly healthConfig: HealthConfig | undefined;
  private capabilitiesCache: { at: number; value: Promise<Capabilities> } | undefined;

  /**
   * `kubeConfig` may be a function that builds it (an EKS DescribeCluster, say): it then runs on
   * first use, so a cluster that cannot be reached fails only its own apps, and is tried again.
   */
  constructor(kubeConfig: KubeConfig | KubeClient | (() => Promise<KubeConfig>), options: ClusterDestinationOptions = {}) {
    if (typeof kubeConfig === "function") {
      this.name = options.name ?? "cluster";
      this.connect = async () => HttpKubeClient.forConfig(await kubeConfig());
    } else {
      this.name = options.name ?? ("getCurrentCluster" in kubeConfig ? kubeConfig.getCurrentCluster()?.name ?? "cluster" : "cluster");
      this.connect = "getCurrentCluster" in kubeConfig ? () => HttpKubeClient.forConfig(kubeConfig) : () => Promise.resolve(kubeConfig);
    }
    this.healthConfig = options.health;
    this.engine = {
      // As many as the client's flow gate lets through: on a test cluster sharing two cores with its
      // clients, 32 in flight took longer than 8 or 16 (median of three 200-object syncs).
      concurrency: options.concurrency ?? 16,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      crdTimeoutMs: options.crdTimeoutMs ?? 30_000,
      ...(options.now ? { now: options.now } : {}),
      ...(options.waitBudgetMs !== undefined ? { waitBudgetMs: options.waitBudgetMs } : {}),
    };
  }

  /** Connects on first use; a failed connection is tried again by the next call, not kept. */
  private get client(): Promise<KubeClient> {
    this.connecting ??= this.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  /** The cluster's client, for the sweep's label-selected lists and its state ConfigMap. */
  kubeClient(): Promise<KubeClient> {
    return this.client;
  }

  async readRecord(app: string): Promise<AppRecord | undefined> {
    return (await this.loadRecord(app)).record;
  }

  async loadRecord(app: string): Promise<StoredRecord> {
    const cm = await (await this.client).get(recordRef(app));
    return { record: cm ? parseRecord(cm) : undefined, version: cm?.metadata.resourceVersion };
  }

  async listRecords(): Promise<AppRecord[]> {
    const client = await this.client;
    // A namespace that does not exist lists as empty; no need to ask (and no cluster-scoped read).
    const list = await client.list("v1", "ConfigMap", RECORD_NAMESPACE, `${RECORD_LABEL}=true`);
    return list.flatMap((cm) => parseRecord(cm) ?? []);
  }

  /**
   * A new record is created (POST), so of two creators the second gets AlreadyExists; an existing
   * one is updated (PUT) with its resourceVersion, so a stale one gets Conflict. Both 409s, and the
   * 404 of a record deleted since it was read, are a RecordConflictError. Not server-side apply:
   * it honours a resourceVersion too, but creates a deleted record again instead of refusing.
   */
  async storeRecord(record: AppRecord, version: string | undefined): Promise<string | undefined> {
    const client = await this.client;
    const configMap = recordConfigMap(record, version);
    try {
      const stored = version !== undefined ? await client.update(configMap) : await this.createRecord(client, configMap);
      return stored.metadata.resourceVersion;
    } catch (error) {
      const gone = version !== undefined && isNotFound(error);
      const conflict = error instanceof KubeApiError && error.status === 409;
      if (gone || conflict) throw new RecordConflictError(record.app, { cause: error });
      throw error;
    }
  }

  private async createRecord(client: KubeClient, configMap: LiveObject): Promise<LiveObject> {
    try {
      return await client.create(configMap);
    } catch (error) {
      // Only the first record of a cluster creates sluice-system: the namespaced RBAC variant
      // cannot touch Namespaces, and needs not once an administrator made it.
      if (!isNotFound(error)) throw error;
      const labels = { [MANAGED_BY_LABEL]: MANAGED_BY };
      const namespace = { apiVersion: "v1", kind: "Namespace", metadata: { name: RECORD_NAMESPACE, labels } };
      await client.apply(namespace, { force: true });
      return client.create(configMap);
    }
  }

  async deleteRecord(app: string): Promise<void> {
    await (await this.client).delete(recordRef(app), { propagationPolicy: "Background" });
  }

  /** Read once per ten minutes: about forty discovery requests, and Helm asks on every render. */
  async capabilities(): Promise<Capabilities> {
    const now = Date.now();
    if (!this.capabilitiesCache || now - this.capabilitiesCache.at > CAPABILITIES_TTL_MS) {
      const read = (await this.client).capabilities();
      this.capabilitiesCache = { at: now, value: read };
      read.catch(() => {
        this.capabilitiesCache = undefined;
      });
    }
    return this.capabilitiesCache.value;
  }

  async diff(app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[]): Promise<AppDiff> {
    const client = await this.client;
    // Hooks are not part of the app's sync status: they run, complete, and may be deleted.
    const { objects, failures } = await prepareObjects(client, { name: app.name, namespace: app.destination.namespace }, normalResources(manifests));
    const diff = await diffApp(client, app, objects, inventory, this.engine.concurrency);
    for (const f of failures) {
      const ref = parseInventoryKey(f.key);
      if (ref) diff.resources.push({ ref, status: "OutOfSync", reason: "missing", diff: "", ...(f.message ? { message: f.message } : {}) });
    }
    return diff;
  }

  async sync(app: AppConfig, manifests: readonly Manifest[], inventory: readonly string[], options: { force?: boolean; resume?: SyncRun["pending"]; waitBudgetMs?: number; onProgress?: SyncOptions["onProgress"] } = {}): Promise<SyncRun> {
    const forced = options.force ? { ...app, syncPolicy: { ...app.syncPolicy, force: true } } : app;
    return syncObjects(await this.client, forced, manifests, inventory, this.engine, { resume: options.resume, waitBudgetMs: options.waitBudgetMs, onProgress: options.onProgress });
  }

  async prune(app: AppConfig, keys: readonly string[]): Promise<ResourceResult[]> {
    return pruneObjects(await this.client, app.name, keys, app.syncPolicy.prunePropagationPolicy, this.engine.concurrency);
  }

  async health(app: AppConfig, keys: readonly string[], known?: KnownObjects): Promise<HealthReport> {
    const overrides = await healthOverrides(this.healthConfig, app.health);
    return liveHealth(await this.client, keys, this.engine.concurrency, overrides, known);
  }

  async deleteApp(app: AppConfig, inventory: readonly string[], propagation = app.syncPolicy.prunePropagationPolicy): Promise<ResourceResult[]> {
    return pruneObjects(await this.client, app.name, inventory, propagation, this.engine.concurrency);
  }

  async runPostDelete(app: AppConfig, manifests: readonly Manifest[]): Promise<{ results: ResourceResult[]; phases: PhaseResult[] }> {
    const timeoutMs = app.syncPolicy.waveTimeoutSeconds * 1000;
    const clock = { sleep: this.engine.sleep, now: this.engine.now ?? Date.now, timeoutMs, budgetMs: timeoutMs, concurrency: this.engine.concurrency, deleteTimeoutMs: timeoutMs };
    return runPostDelete(await this.client, { name: app.name, namespace: app.destination.namespace, force: app.syncPolicy.force }, manifests, clock);
  }
}

function recordConfigMap(record: AppRecord, version: string | undefined): LiveObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    // Not annotated as the app's own object: an app's prune must never reach its record.
    metadata: {
      name: recordName(record.app),
      namespace: RECORD_NAMESPACE,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY, [RECORD_LABEL]: "true" },
      ...(version === undefined ? {} : { resourceVersion: version }),
    },
    data: { revision: record.revision, "record.json": JSON.stringify(record) },
  };
}

function parseRecord(cm: LiveObject): AppRecord | undefined {
  const data = cm["data"];
  const text = typeof data === "object" && data !== null && "record.json" in data ? data["record.json"] : undefined;
  return typeof text === "string" ? appRecordSchema.parse(JSON.parse(text)) : undefined;
}
