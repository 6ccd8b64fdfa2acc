import { isNotFound } from "../../adapters/kube/kube-api-error.ts";
import type { KubeClient } from "../../adapters/kube/kube-client.ts";
import { MANAGED_BY, MANAGED_BY_LABEL } from "../../adapters/kube/labels.ts";
import type { Destination } from "../../engine/destination/destination.ts";

/** Names the app a namespace was created for: only that app's removal deletes it. */
export const CREATED_FOR = "sluice.dev/created-for";

const nsRef = (name: string) => ({ apiVersion: "v1", kind: "Namespace", name });

const clientOf = (destination: Destination): Promise<KubeClient> | undefined =>
  "kubeClient" in destination && typeof destination.kubeClient === "function" ? (destination.kubeClient as () => Promise<KubeClient>)() : undefined;

/**
 * Creates the app's namespace, marked as created for it, when it is not there; true when this call
 * created it. Created with POST, not applied: the sync's CreateNamespace apply then owns no field of
 * the mark, and so never removes it.
 */
export async function createOwnNamespace(destination: Destination, name: string, app: string): Promise<boolean> {
  const client = await clientOf(destination);
  if (!client || (await client.get(nsRef(name)))) return false;
  const metadata = { name, labels: { [MANAGED_BY_LABEL]: MANAGED_BY }, annotations: { [CREATED_FOR]: app } };
  await client.create({ apiVersion: "v1", kind: "Namespace", metadata });
  return true;
}

/** Deletes the namespace only while it still carries the app's mark; true when it asked the server to. */
export async function deleteOwnNamespace(destination: Destination, name: string, app: string): Promise<boolean> {
  const client = await clientOf(destination);
  if (!client) return false;
  const live = await client.get(nsRef(name));
  if (!live || live.metadata.annotations?.[CREATED_FOR] !== app) return false;
  try {
    await client.delete(nsRef(name), { propagationPolicy: "Background", ...(live.metadata.uid ? { uid: live.metadata.uid } : {}) });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
  return true;
}
