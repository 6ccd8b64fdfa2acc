import type { AppRecord } from "../../engine/record/app-record.ts";
import { KubeApiError } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { MANAGED_BY, MANAGED_BY_LABEL, RECORD_LABEL } from "../../adapters/kube/labels.ts";
import { UnknownKindError } from "../../adapters/kube/http-kube-client.ts";
import { ConfigMapStateStore } from "./configmap-state-store.ts";
import type { SweepStateStore } from "./sweep-state.ts";

/** Objects Sluice applied for apps; its own record ConfigMaps carry the label too and are left out. */
export const MANAGED_SELECTOR = `${MANAGED_BY_LABEL}=${MANAGED_BY},!${RECORD_LABEL}`;

/** What the sweep reads of one destination: a cluster, or a folder (records only). */
export interface SweptDestination {
  /** The cluster's name in sluice.yaml, or the folder. */
  readonly name: string;
  /** The key it is backed off under when it does not answer: `cluster:<name>`. */
  readonly endpoint: string;
  /** Every app record kept here, with one request. */
  listRecords(): Promise<AppRecord[]>;
  /** Sluice's live objects of one kind, label-selected; absent where there is nothing live (a folder). */
  listManaged?(apiVersion: string, kind: string, namespaces: readonly string[]): Promise<LiveObject[]>;
  /** Where the sweep keeps its state here; absent for folders. */
  readonly state?: SweepStateStore;
}

/**
 * A cluster as the sweep sees it: one list of records, one list per kind across namespaces
 * (per namespace where Sluice may only list namespaced, as with infra/rbac/namespaced-role.yaml),
 * and the sweep's state ConfigMap.
 */
export function clusterSweptDestination(name: string, records: { listRecords(): Promise<AppRecord[]> }, client: () => Promise<KubeClient>): SweptDestination {
  return {
    name,
    endpoint: `cluster:${name}`,
    listRecords: () => records.listRecords(),
    async listManaged(apiVersion, kind, namespaces) {
      const kube = await client();
      try {
        return await kube.list(apiVersion, kind, undefined, MANAGED_SELECTOR);
      } catch (error) {
        // A kind the server no longer serves (its CRD deleted) has no live objects: all missing.
        if (error instanceof UnknownKindError) return [];
        if (!(error instanceof KubeApiError && error.status === 403) || namespaces.length === 0) throw error;
        const out: LiveObject[] = [];
        for (const namespace of namespaces) out.push(...await kube.list(apiVersion, kind, namespace, MANAGED_SELECTOR));
        return out;
      }
    },
    state: new ConfigMapStateStore(`cluster ${name}`, client),
  };
}

/** A folder destination: its records only; nothing live to list, nowhere to keep state. */
export function folderSweptDestination(name: string, records: { listRecords(): Promise<AppRecord[]> }): SweptDestination {
  return { name, endpoint: `folder:${name}`, listRecords: () => records.listRecords() };
}
