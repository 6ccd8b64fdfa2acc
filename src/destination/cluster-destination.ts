import { PatchStrategy, type KubeConfig, type KubernetesObject, type V1ConfigMap } from "@kubernetes/client-node";
import type { AppConfig } from "../config/app-config.ts";
import { fillListKeyDefaults } from "../kube/fill-list-keys.ts";
import { sortForApply } from "../kube/kind-order.ts";
import { isNotFound, kubeErrorMessage } from "../kube/kube-error.ts";
import { APP_ANNOTATION, FIELD_MANAGER, MANAGED_BY, MANAGED_BY_LABEL, RECORD_NAMESPACE } from "../kube/labels.ts";
import { ObjectApi } from "../kube/object-api.ts";
import { manifestKey, type Manifest } from "../render/manifest.ts";
import { appRecordSchema, type AppRecord } from "./app-record.ts";
import type { Destination, ResourceResult } from "./destination.ts";

const recordName = (app: string): string => `sluice-app-${app}`;

/** A Kubernetes cluster: server-side apply with field manager `sluice`, records in `sluice-system`. */
export class ClusterDestination implements Destination {
  private readonly api: ObjectApi;

  constructor(kubeConfig: KubeConfig) {
    this.api = ObjectApi.forConfig(kubeConfig);
  }

  async readRecord(app: string): Promise<AppRecord | undefined> {
    let cm: V1ConfigMap;
    try {
      cm = await this.api.read<V1ConfigMap>({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: recordName(app), namespace: RECORD_NAMESPACE } });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const text = cm.data?.["record.json"];
    return text === undefined ? undefined : appRecordSchema.parse(JSON.parse(text));
  }

  async apply(app: AppConfig, manifests: readonly Manifest[]): Promise<ResourceResult[]> {
    const results: ResourceResult[] = [];
    if (app.syncPolicy.createNamespace) {
      await this.applyOne({ apiVersion: "v1", kind: "Namespace", metadata: { name: app.destination.namespace } });
    }
    for (const manifest of sortForApply(manifests)) {
      const object = await this.prepare(app, manifest);
      const base = { key: manifestKey(object), kind: object.kind, name: object.metadata.name, ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}) };
      try {
        await this.applyOne(object);
        results.push({ ...base, status: "applied" });
      } catch (error) {
        results.push({ ...base, status: "failed", message: kubeErrorMessage(error) });
      }
    }
    return results;
  }

  async writeRecord(record: AppRecord): Promise<void> {
    await this.applyOne({ apiVersion: "v1", kind: "Namespace", metadata: { name: RECORD_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY } } });
    await this.applyOne({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: recordName(record.app), namespace: RECORD_NAMESPACE, labels: { [MANAGED_BY_LABEL]: MANAGED_BY }, annotations: { [APP_ANNOTATION]: record.app } },
      data: { revision: record.revision, "record.json": JSON.stringify(record) },
    } as KubernetesObject);
  }

  /** Labels and annotates the object as Sluice's and places it in the app's namespace when namespaced. */
  private async prepare(app: AppConfig, manifest: Manifest): Promise<Manifest> {
    const metadata = {
      ...manifest.metadata,
      labels: { ...manifest.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...manifest.metadata.annotations, [APP_ANNOTATION]: app.name },
    };
    if (metadata.namespace === undefined && await this.api.isNamespaced(manifest.apiVersion, manifest.kind) !== false) {
      metadata.namespace = app.destination.namespace;
    }
    return fillListKeyDefaults({ ...manifest, metadata });
  }

  private async applyOne(object: KubernetesObject): Promise<void> {
    await this.api.patch(object, undefined, undefined, FIELD_MANAGER, false, PatchStrategy.ServerSideApply);
  }
}
