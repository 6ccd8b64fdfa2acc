/** Names one Kubernetes object. `namespace` is absent for cluster-scoped kinds. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** The reference of an object. */
export function refOf(object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): ObjectRef {
  const { apiVersion, kind, metadata: { name, namespace } } = object;
  return { apiVersion, kind, name, ...(namespace ? { namespace } : {}) };
}

/** The API group of an apiVersion: "" for the core group. */
export const groupOf = (apiVersion: string): string => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "");

/** A key for an object that survives an apiVersion change: group/kind/namespace/name. */
export const identityKey = (ref: ObjectRef): string => `${groupOf(ref.apiVersion)}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;

/** The key an app's inventory stores: apiVersion/kind/namespace/name, enough to find the object again. */
export const inventoryKey = (ref: ObjectRef): string => `${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;

/** Reads an inventory key back; undefined when it is not one. */
export function parseInventoryKey(key: string): ObjectRef | undefined {
  const parts = key.split("/");
  if (parts.length !== 4 && parts.length !== 5) return undefined;
  const [name, namespace, kind] = [parts.pop(), parts.pop(), parts.pop()];
  const apiVersion = parts.join("/");
  if (!name || !kind || !apiVersion || namespace === undefined) return undefined;
  return { apiVersion, kind, name, ...(namespace ? { namespace } : {}) };
}

/** kind/name or kind/namespace/name, for messages. */
export const describeRef = (ref: ObjectRef): string => `${ref.kind}/${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
