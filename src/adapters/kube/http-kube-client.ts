import type { KubeConfig } from "@kubernetes/client-node";
import * as z from "zod";
import { isNotFound } from "./kube-api-error.ts";
import type { ApiResource, KubeClient, LiveObject, PropagationPolicy } from "./kube-client.ts";
import { kubeTransport, type KubeTransport } from "./kube-http.ts";
import { FIELD_MANAGER } from "./labels.ts";
import { refOf, type ObjectRef } from "./object-ref.ts";

const resourceListSchema = z.object({
  groupVersion: z.string(),
  // A group/version whose CRDs are still being set up answers `resources: null`.
  resources: z.array(z.object({ name: z.string(), kind: z.string(), namespaced: z.boolean(), verbs: z.array(z.string()).default([]) }).loose()).nullish().transform((r) => r ?? []),
}).loose();
const groupListSchema = z.object({ groups: z.array(z.object({ versions: z.array(z.object({ groupVersion: z.string() }).loose()) }).loose()) }).loose();
const coreVersionsSchema = z.object({ versions: z.array(z.string()) }).loose();
const versionSchema = z.object({ gitVersion: z.string() }).loose();
const liveSchema = z.object({ apiVersion: z.string(), kind: z.string(), metadata: z.object({ name: z.string() }).loose() }).loose();
// Strict: a field the schema does not have fails the write with the server's message instead of being dropped.
const WRITE = { fieldManager: FIELD_MANAGER, fieldValidation: "Strict" } as const;
const listSchema = z.object({ items: z.array(z.unknown()), metadata: z.object({ continue: z.string().optional() }).loose().optional() }).loose();

/** The real KubeClient: JSON over kept-alive HTTPS, discovery cached per group/version. */
export class HttpKubeClient implements KubeClient {
  private readonly groupVersions = new Map<string, Promise<Map<string, ApiResource>>>();

  constructor(private readonly send: KubeTransport) {}

  static async forConfig(kc: KubeConfig): Promise<HttpKubeClient> {
    return new HttpKubeClient(await kubeTransport(kc));
  }

  async resource(apiVersion: string, kind: string): Promise<ApiResource | undefined> {
    return (await this.kinds(apiVersion)).get(kind);
  }

  forgetDiscovery(): void {
    this.groupVersions.clear();
  }

  async capabilities(): Promise<{ kubeVersion: string; apiVersions: string[] }> {
    const [version, core, groups] = await Promise.all([this.send({ method: "GET", path: "/version" }), this.send({ method: "GET", path: "/api" }), this.send({ method: "GET", path: "/apis" })]);
    const gvs = [...coreVersionsSchema.parse(core).versions, ...groupListSchema.parse(groups).groups.flatMap((g) => g.versions.map((v) => v.groupVersion))];
    const apiVersions: string[] = [];
    await Promise.all(gvs.map(async (gv) => {
      apiVersions.push(gv);
      for (const kind of (await this.kinds(gv)).keys()) apiVersions.push(`${gv}/${kind}`);
    }));
    return { kubeVersion: versionSchema.parse(version).gitVersion, apiVersions: apiVersions.sort() };
  }

  async get(ref: ObjectRef): Promise<LiveObject | undefined> {
    try {
      return live(await this.send({ method: "GET", path: await this.path(ref, ref.name) }));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(apiVersion: string, kind: string, namespace: string | undefined, labelSelector?: string): Promise<LiveObject[]> {
    const path = await this.path({ apiVersion, kind, ...(namespace ? { namespace } : {}) });
    const out: LiveObject[] = [];
    let next: string | undefined;
    do {
      const page = listSchema.parse(await this.send({ method: "GET", path, query: { labelSelector, limit: "500", continue: next } }));
      // List items carry no apiVersion or kind; put them back so items look like what get returns.
      for (const item of page.items) out.push(live({ apiVersion, kind, ...(item as object) }));
      next = page.metadata?.continue || undefined;
    } while (next);
    return out;
  }

  async apply(object: LiveObject, options: { dryRun?: boolean; force?: boolean }): Promise<LiveObject> {
    const path = await this.path(refOf(object), object.metadata.name);
    return live(await this.send({
      method: "PATCH", path, body: object, contentType: "application/apply-patch+yaml",
      query: { ...WRITE, force: options.force ? "true" : undefined, dryRun: options.dryRun ? "All" : undefined },
    }));
  }

  async create(object: LiveObject): Promise<LiveObject> {
    return live(await this.send({ method: "POST", path: await this.path(refOf(object)), body: object, query: WRITE }));
  }

  async update(object: LiveObject): Promise<LiveObject> {
    return live(await this.send({ method: "PUT", path: await this.path(refOf(object), object.metadata.name), body: object, query: WRITE }));
  }

  async patchManagedFields(ref: ObjectRef, resourceVersion: string, managedFields: unknown[]): Promise<LiveObject> {
    // The test makes the write fail (422) when anyone wrote since the managed fields were read.
    const body = [
      { op: "test", path: "/metadata/resourceVersion", value: resourceVersion },
      { op: "replace", path: "/metadata/managedFields", value: managedFields },
    ];
    const path = await this.path(ref, ref.name);
    return live(await this.send({ method: "PATCH", path, body, contentType: "application/json-patch+json", query: WRITE }));
  }

  async replace(object: LiveObject, options: { dryRun?: boolean }): Promise<LiveObject> {
    const query = { ...WRITE, dryRun: options.dryRun ? "All" : undefined };
    try {
      return live(await this.send({ method: "PUT", path: await this.path(refOf(object), object.metadata.name), body: object, query }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
      return live(await this.send({ method: "POST", path: await this.path(refOf(object)), body: object, query }));
    }
  }

  async delete(ref: ObjectRef, options: { propagationPolicy: PropagationPolicy; uid?: string }): Promise<boolean> {
    try {
      await this.send({
        method: "DELETE", path: await this.path(ref, ref.name),
        // The uid precondition makes sure the object deleted is the one that was looked at, not a namesake made since.
        body: { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: options.propagationPolicy, ...(options.uid ? { preconditions: { uid: options.uid } } : {}) },
      });
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private kinds(apiVersion: string): Promise<Map<string, ApiResource>> {
    let kinds = this.groupVersions.get(apiVersion);
    if (!kinds) {
      kinds = this.send({ method: "GET", path: apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}` }).then(
        (body) => new Map(resourceListSchema.parse(body).resources.filter((r) => !r.name.includes("/")).map((r) => [r.kind, { name: r.name, namespaced: r.namespaced, verbs: r.verbs }])),
        (error: unknown) => {
          this.groupVersions.delete(apiVersion);
          if (isNotFound(error)) return new Map<string, ApiResource>();
          throw error;
        },
      );
      this.groupVersions.set(apiVersion, kinds);
    }
    return kinds;
  }

  private async path(ref: Omit<ObjectRef, "name">, name?: string): Promise<string> {
    const resource = await this.resource(ref.apiVersion, ref.kind);
    if (!resource) throw new UnknownKindError(ref.apiVersion, ref.kind);
    const root = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    const ns = resource.namespaced && ref.namespace ? `/namespaces/${encodeURIComponent(ref.namespace)}` : "";
    return `${root}${ns}/${resource.name}${name ? `/${encodeURIComponent(name)}` : ""}`;
  }
}

/** The API server does not serve this apiVersion and kind. */
export class UnknownKindError extends Error {
  constructor(readonly apiVersion: string, readonly kind: string) {
    super(`the API server does not serve ${kind} in ${apiVersion}`);
    this.name = "UnknownKindError";
  }
}

const live = (body: unknown): LiveObject => liveSchema.parse(body) as LiveObject;
