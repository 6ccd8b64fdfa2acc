import { KubeApiError } from "../../../../src/adapters/kube/kube-api-error.ts";
import type { ApiResource, KubeClient, LiveObject, PropagationPolicy } from "../../../../src/adapters/kube/kube-client.ts";
import { identityKey, refOf, type ObjectRef } from "../../../../src/adapters/kube/object-ref.ts";

const KINDS: Record<string, ApiResource> = {
  "v1/Namespace": { name: "namespaces", namespaced: false, verbs: [] },
  "v1/ConfigMap": { name: "configmaps", namespaced: true, verbs: [] },
  "v1/Service": { name: "services", namespaced: true, verbs: [] },
  "apps/v1/Deployment": { name: "deployments", namespaced: true, verbs: [] },
  "rbac.authorization.k8s.io/v1/ClusterRole": { name: "clusterroles", namespaced: false, verbs: [] },
  "apiextensions.k8s.io/v1/CustomResourceDefinition": { name: "customresourcedefinitions", namespaced: false, verbs: [] },
};

/** An in-memory API server: enough of one for the engine's logic; the real one is in the integration tests. */
export class FakeKubeClient implements KubeClient {
  readonly objects = new Map<string, LiveObject>();
  readonly calls: string[] = [];
  readonly extraKinds = new Map<string, ApiResource>();
  /** Objects (by name) whose apply fails, with the error to throw. */
  readonly failing = new Map<string, Error>();
  /** As the API server: a write into a namespace that is not among the objects fails with 404. */
  namespacesRequired = false;
  private version = 0;

  async resource(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    return KINDS[`${apiVersion}/${kind}`] ?? this.extraKinds.get(`${apiVersion}/${kind}`);
  }

  forgetDiscovery(): void {
    this.calls.push("forgetDiscovery");
  }

  async capabilities() {
    return { kubeVersion: "v1.20.2", apiVersions: ["v1", "apps/v1", "apps/v1/Deployment"] };
  }

  async get(ref: ObjectRef): Promise<LiveObject | undefined> {
    this.calls.push(`get ${ref.kind}/${ref.name}`);
    const o = this.objects.get(identityKey(ref));
    return o && structuredClone(o);
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined): Promise<LiveObject[]> {
    this.calls.push(`list ${kind}`);
    return [...this.objects.values()].filter((o) => o.apiVersion === apiVersion && o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace)).map((o) => structuredClone(o));
  }

  async apply(object: LiveObject, options: { dryRun?: boolean; force?: boolean }): Promise<LiveObject> {
    this.calls.push(`${options.dryRun ? "dry-run " : ""}apply ${object.kind}/${object.metadata.name}`);
    const failure = this.failing.get(object.metadata.name);
    if (failure) throw failure;
    if (!(await this.resource(object.apiVersion, object.kind))) throw new KubeApiError(404, "the server could not find the requested resource", { reason: "NotFound" });
    const ns = object.metadata.namespace;
    if (this.namespacesRequired && ns && !this.objects.has(identityKey({ apiVersion: "v1", kind: "Namespace", name: ns }))) throw new KubeApiError(404, `namespaces "${ns}" not found`, { reason: "NotFound" });
    const key = identityKey(refOf(object));
    const previous = this.objects.get(key);
    const stored: LiveObject = { ...structuredClone(object), metadata: { ...structuredClone(object.metadata), uid: previous?.metadata.uid ?? `uid-${object.metadata.name}`, resourceVersion: String(++this.version) } };
    if (object.kind === "CustomResourceDefinition") stored["status"] = { conditions: [{ type: "Established", status: "True" }] };
    if (!options.dryRun) this.objects.set(key, stored);
    return structuredClone(stored);
  }

  async create(object: LiveObject): Promise<LiveObject> {
    this.calls.push(`create ${object.kind}/${object.metadata.name}`);
    if (this.objects.has(identityKey(refOf(object)))) throw new KubeApiError(409, `${object.metadata.name} already exists`, { reason: "AlreadyExists" });
    return this.apply(object, {});
  }

  async update(object: LiveObject): Promise<LiveObject> {
    this.calls.push(`update ${object.kind}/${object.metadata.name}`);
    const live = this.objects.get(identityKey(refOf(object)));
    if (!live) throw new KubeApiError(404, `${object.metadata.name} not found`, { reason: "NotFound" });
    const expected = object.metadata.resourceVersion;
    if (expected !== undefined && expected !== live.metadata.resourceVersion) throw new KubeApiError(409, "the object has been modified", { reason: "Conflict" });
    return this.apply(object, {});
  }

  async patchManagedFields(ref: ObjectRef, resourceVersion: string, managedFields: unknown[]): Promise<LiveObject> {
    this.calls.push(`patch managedFields ${ref.kind}/${ref.name}`);
    const live = this.objects.get(identityKey(ref));
    if (!live) throw new KubeApiError(404, `${ref.name} not found`, { reason: "NotFound" });
    if (live.metadata.resourceVersion !== resourceVersion) throw new KubeApiError(422, "the server rejected our request: testing value /metadata/resourceVersion failed: test failed", { reason: "Invalid" });
    live.metadata = { ...live.metadata, managedFields: structuredClone(managedFields), resourceVersion: String(++this.version) };
    return structuredClone(live);
  }

  async replace(object: LiveObject, options: { dryRun?: boolean }): Promise<LiveObject> {
    this.calls.push(`replace ${object.kind}/${object.metadata.name}`);
    return this.apply(object, options);
  }

  async delete(ref: ObjectRef, options: { propagationPolicy: PropagationPolicy; uid?: string }): Promise<boolean> {
    this.calls.push(`delete ${ref.kind}/${ref.name} ${options.propagationPolicy}`);
    const key = identityKey(ref);
    const o = this.objects.get(key);
    if (!o) return false;
    if (options.uid && o.metadata.uid !== options.uid) throw new KubeApiError(409, "Precondition failed: UID in precondition", { reason: "Conflict" });
    this.objects.delete(key);
    return true;
  }
}
