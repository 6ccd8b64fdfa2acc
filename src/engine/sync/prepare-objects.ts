import { fillListKeyDefaults } from "../../adapters/kube/fill-list-keys.ts";
import type { KubeClient, LiveObject } from "../../adapters/kube/kube-client.ts";
import { APP_ANNOTATION, MANAGED_BY, MANAGED_BY_LABEL } from "../../adapters/kube/labels.ts";
import { groupOf, inventoryKey, refOf } from "../../adapters/kube/object-ref.ts";
import type { Manifest } from "../../adapters/render/manifest.ts";
import type { ResourceResult } from "./sync-result.ts";
import type { PreparedObject } from "./prepared-object.ts";

/** Group/kind → scope of the CRDs among the manifests, for custom resources the server does not know yet. */
function crdScopes(manifests: readonly Manifest[]): Map<string, boolean> {
  const scopes = new Map<string, boolean>();
  for (const m of manifests) {
    if (m.kind !== "CustomResourceDefinition") continue;
    const spec = m["spec"];
    if (typeof spec !== "object" || spec === null) continue;
    const { group, names, scope } = spec as { group?: unknown; names?: { kind?: unknown }; scope?: unknown };
    if (typeof group === "string" && typeof names?.kind === "string") scopes.set(`${group}/${names.kind}`, scope !== "Cluster");
  }
  return scopes;
}

/**
 * Makes rendered objects Sluice's: the managed-by label, the app annotation, the app's namespace
 * on namespaced kinds without one (discovery tells which), list-map keys the server would default.
 * Objects of kinds the server does not serve and no CRD in the sync defines fail here.
 */
export async function prepareObjects(client: KubeClient, app: { name: string; namespace: string }, manifests: readonly Manifest[]): Promise<{ objects: PreparedObject[]; failures: ResourceResult[] }> {
  const scopes = crdScopes(manifests);
  const objects: PreparedObject[] = [];
  const failures: ResourceResult[] = [];
  const seen = new Set<string>();
  for (const manifest of manifests) {
    const resource = await client.resource(manifest.apiVersion, manifest.kind);
    const crdScope = scopes.get(`${groupOf(manifest.apiVersion)}/${manifest.kind}`);
    const namespaced = resource?.namespaced ?? crdScope;
    const metadata = {
      ...manifest.metadata,
      labels: { ...manifest.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY },
      annotations: { ...manifest.metadata.annotations, [APP_ANNOTATION]: app.name },
    };
    if (namespaced === true && !metadata.namespace) metadata.namespace = app.namespace;
    if (namespaced === false) delete metadata.namespace;
    const object = fillListKeyDefaults({ ...manifest, metadata }) as LiveObject;
    const ref = refOf(object);
    const key = inventoryKey(ref);
    if (namespaced === undefined) {
      failures.push({ key, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), status: "failed", message: `the cluster does not serve ${manifest.kind} in ${manifest.apiVersion}, and no CRD in this sync defines it` });
      continue;
    }
    if (seen.has(key)) {
      failures.push({ key, kind: ref.kind, name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}), status: "failed", message: "rendered twice: the later copy is ignored" });
      continue;
    }
    seen.add(key);
    objects.push({ object, ref, key, definedInSync: resource === undefined });
  }
  return { objects, failures };
}
