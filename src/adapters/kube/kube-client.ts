import type { ObjectRef } from "./object-ref.ts";

/** An object as the API server returns it: JSON, nothing dropped. */
export interface LiveObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: unknown[];
    deletionTimestamp?: string;
    ownerReferences?: unknown[];
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/** A kind the API server serves. */
export interface ApiResource {
  /** Plural name used in URLs. */
  name: string;
  namespaced: boolean;
  verbs: string[];
}

export type PropagationPolicy = "Foreground" | "Background" | "Orphan";

/** The Kubernetes calls the sync engine makes; the real one speaks HTTPS to an API server. */
export interface KubeClient {
  /** The resource for a kind, or undefined when the server does not serve it (a CRD not yet established). */
  resource(apiVersion: string, kind: string): Promise<ApiResource | undefined>;
  /** Forgets cached discovery, after CRDs are created. */
  forgetDiscovery(): void;
  /** Server version (gitVersion, e.g. v1.20.2) and every group/version and group/version/Kind served. */
  capabilities(): Promise<{ kubeVersion: string; apiVersions: string[] }>;
  get(ref: ObjectRef): Promise<LiveObject | undefined>;
  /** Objects of one kind, in one namespace or (undefined) all. */
  list(apiVersion: string, kind: string, namespace: string | undefined, labelSelector?: string): Promise<LiveObject[]>;
  /** Server-side apply with field manager sluice. */
  apply(object: LiveObject, options: { dryRun?: boolean; force?: boolean }): Promise<LiveObject>;
  /** POST: creates the object, or throws a 409 (AlreadyExists) when it exists. */
  create(object: LiveObject): Promise<LiveObject>;
  /** PUT of the whole object, checked against its resourceVersion when set: 409 when stale, 404 when gone. */
  update(object: LiveObject): Promise<LiveObject>;
  /**
   * Replaces metadata.managedFields alone (a JSON patch), only while the object is still at
   * resourceVersion; throws a KubeApiError when it is not.
   */
  patchManagedFields(ref: ObjectRef, resourceVersion: string, managedFields: unknown[]): Promise<LiveObject>;
  /** PUT of the whole object, or create when it does not exist. */
  replace(object: LiveObject, options: { dryRun?: boolean }): Promise<LiveObject>;
  /** True when deleted (or deletion started), false when it was already gone. */
  delete(ref: ObjectRef, options: { propagationPolicy: PropagationPolicy; uid?: string }): Promise<boolean>;
}
